package dev.ascent.gateway.security;

import java.util.Locale;
import java.util.Set;

/**
 * Who is looking at a page: a signed-in login with their portal roles, or nobody. Roles: "contributor" (every
 * signed-in person, for themselves), "curator", "mentor", "committee", "admin".
 */
public record Viewer(String login, Set<String> roles) {

    public static final Viewer ANONYMOUS = new Viewer(null, Set.of());

    public boolean signedIn() {
        return login != null;
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return has(Roles.ADMIN);
    }

    /** Whether this viewer is the person with this login (compared without regard to case). */
    public boolean is(String other) {
        return login != null && other != null && login.toLowerCase(Locale.ROOT).equals(other.toLowerCase(Locale.ROOT));
    }
}
