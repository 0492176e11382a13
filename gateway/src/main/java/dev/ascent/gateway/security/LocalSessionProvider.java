package dev.ascent.gateway.security;

import dev.ascent.gateway.portal.Logins;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The requests after a local sign-in: the encrypted session cookie names the login, and this turns it back into an
 * identity. Refuses everything unless the local sign-in form is on, so a session cookie means nothing in production.
 */
@ApplicationScoped
public class LocalSessionProvider implements IdentityProvider<TrustedAuthenticationRequest> {

    private final PortalConfig config;

    public LocalSessionProvider(PortalConfig config) {
        this.config = config;
    }

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request,
            AuthenticationRequestContext context) {
        if (!config.localSignIn().enabled() || !Logins.valid(request.getPrincipal())) {
            return Uni.createFrom().failure(new AuthenticationFailedException("no local session"));
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(Logins.normalize(request.getPrincipal()))).build());
    }
}
