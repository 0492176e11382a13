package dev.ascent.ingest;

/**
 * A person as the people directory knows them: GitHub's numeric id is the person, the login the one seen most recently.
 *
 * @param id GitHub's user id
 * @param login the login seen most recently
 * @param bot GitHub said the account is a bot (type {@code Bot})
 */
public record Person(long id, String login, boolean bot) {
}
