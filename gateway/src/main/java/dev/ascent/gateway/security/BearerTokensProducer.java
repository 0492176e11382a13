package dev.ascent.gateway.security;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Reads the gateway's {@link BearerTokens} once, at start: a malformed entry stops the gateway there. */
@Singleton
public class BearerTokensProducer {

    @Produces
    @Singleton
    @Startup
    BearerTokens bearerTokens(@ConfigProperty(name = "ascent.gateway.admin-tokens") Optional<String> admins,
            @ConfigProperty(name = "ascent.gateway.api-tokens") Optional<String> api) {
        return new BearerTokens(admins.orElse(""), api.orElse(""));
    }
}
