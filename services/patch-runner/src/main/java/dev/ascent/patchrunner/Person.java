package dev.ascent.patchrunner;

import java.util.Objects;

/**
 * A GitHub account: the numeric id is the identity, the login is the one of the event that named it.
 *
 * @param id GitHub's numeric user id
 * @param login the login at the time
 */
public record Person(long id, String login) {

    public Person {
        Objects.requireNonNull(login, "login");
    }
}
