package dev.ascent.gateway.security;

import io.quarkus.oidc.UserInfo;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;

/**
 * Gives every signed-in identity its GitHub login as principal (from GitHub's user info after a GitHub sign-in) and
 * its portal roles from configuration.
 */
@ApplicationScoped
public class PortalRolesAugmentor implements SecurityIdentityAugmentor {

    private final PortalConfig config;

    public PortalRolesAugmentor(PortalConfig config) {
        this.config = config;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous()) {
            return Uni.createFrom().item(identity);
        }
        String login = identity.getPrincipal().getName();
        Object info = identity.getAttribute("userinfo");
        if (info instanceof UserInfo userInfo && userInfo.getString("login") != null) {
            login = userInfo.getString("login");
        }
        login = login.toLowerCase(Locale.ROOT);
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity)
                .setPrincipal(new QuarkusPrincipal(login))
                .addRoles(Roles.of(login, config))
                .build());
    }

    /** The viewer of a request. */
    public static Viewer viewer(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return Viewer.ANONYMOUS;
        }
        return new Viewer(identity.getPrincipal().getName(), identity.getRoles());
    }
}
