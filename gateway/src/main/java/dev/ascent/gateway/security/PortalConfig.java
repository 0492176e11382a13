package dev.ascent.gateway.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;
import java.util.Set;

/** Who holds which portal role, and whether the local sign-in form is on. */
@ConfigMapping(prefix = "ascent.portal")
public interface PortalConfig {

    /** Logins with every right. */
    Optional<Set<String>> admins();

    /** Logins that may create cohorts (and then curate them). */
    Optional<Set<String>> curators();

    Optional<Set<String>> mentors();

    Optional<Set<String>> committee();

    LocalSignIn localSignIn();

    /** The plain sign-in form: on only in the local profile (and tests); production signs in with GitHub. */
    interface LocalSignIn {
        @WithDefault("false")
        boolean enabled();

        /** The one password of the local form. */
        Optional<String> password();
    }
}
