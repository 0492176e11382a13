package dev.ascent.gateway.security;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The portal's roles and who holds them, from configuration. Pure. */
public final class Roles {

    public static final String CONTRIBUTOR = "contributor";
    public static final String CURATOR = "curator";
    public static final String MENTOR = "mentor";
    public static final String COMMITTEE = "committee";
    public static final String ADMIN = "admin";

    private Roles() {
    }

    /** The roles of a signed-in login: always contributor, and each configured role that lists it. */
    public static Set<String> of(String login, PortalConfig config) {
        String l = login.toLowerCase(Locale.ROOT);
        Set<String> roles = new TreeSet<>();
        roles.add(CONTRIBUTOR);
        if (listed(config.admins(), l)) {
            roles.add(ADMIN);
        }
        if (listed(config.curators(), l)) {
            roles.add(CURATOR);
        }
        if (listed(config.mentors(), l)) {
            roles.add(MENTOR);
        }
        if (listed(config.committee(), l)) {
            roles.add(COMMITTEE);
        }
        return roles;
    }

    private static boolean listed(Optional<Set<String>> logins, String login) {
        return logins.map(s -> s.stream().anyMatch(x -> x.trim().toLowerCase(Locale.ROOT).equals(login)))
                .orElse(false);
    }
}
