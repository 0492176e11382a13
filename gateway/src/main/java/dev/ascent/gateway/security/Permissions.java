package dev.ascent.gateway.security;

import dev.ascent.gateway.portal.Cohort;
import java.util.Optional;

/**
 * What a viewer may change, and when not, the sentence that says why. Reading is open to everyone; every change
 * needs the right role. Pure.
 */
public final class Permissions {

    private Permissions() {
    }

    /** Empty when allowed; otherwise why not. */
    public static Optional<String> createCohort(Viewer v) {
        if (v.has(Roles.CURATOR) || v.isAdmin()) {
            return Optional.empty();
        }
        return Optional.of("Creating a cohort needs the curator role, and " + v.login()
                + " does not hold it. An admin can give it.");
    }

    public static Optional<String> changeMembers(Viewer v, Cohort c) {
        if (v.isAdmin() || c.curators().stream().anyMatch(v::is)) {
            return Optional.empty();
        }
        return Optional.of("Only the curators of “" + c.name() + "” (" + String.join(", ", c.curators())
                + ") and admins can change its members; you are signed in as " + v.login() + ".");
    }

    public static Optional<String> setListing(Viewer v, String login) {
        if (v.is(login) || v.isAdmin()) {
            return Optional.empty();
        }
        return Optional.of("Only " + login + " (or an admin) can choose whether " + login
                + " is listed; you are signed in as " + v.login() + ".");
    }
}
