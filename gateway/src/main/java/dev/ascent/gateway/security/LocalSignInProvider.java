package dev.ascent.gateway.security;

import dev.ascent.gateway.portal.Logins;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The plain sign-in form of the local run: any well-formed login with the configured local password. Refuses
 * everything unless {@code ascent.portal.local-sign-in.enabled} (only the local profile and tests set it), so in
 * production the only way in is GitHub.
 */
@ApplicationScoped
public class LocalSignInProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private final PortalConfig config;

    public LocalSignInProvider(PortalConfig config) {
        this.config = config;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        var local = config.localSignIn();
        if (!local.enabled() || local.password().isEmpty()) {
            return Uni.createFrom().failure(new AuthenticationFailedException("local sign-in is off"));
        }
        String login = request.getUsername() == null ? "" : request.getUsername().trim();
        byte[] given = new String(request.getPassword().getPassword()).getBytes(StandardCharsets.UTF_8);
        byte[] expected = local.password().get().getBytes(StandardCharsets.UTF_8);
        if (!Logins.valid(login) || !MessageDigest.isEqual(given, expected)) {
            return Uni.createFrom().failure(new AuthenticationFailedException("wrong login or password"));
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(Logins.normalize(login))).build());
    }
}
