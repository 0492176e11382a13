package dev.ascent.gateway.grpc;

import dev.ascent.gateway.admin.AdminTokens;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Authenticates callers of the admin API: {@code authorization: Bearer <token>} must be a configured admin's token.
 * Otherwise the call ends UNAUTHENTICATED with a sentence; the admin's login is put in the call's context.
 */
@ApplicationScoped
public class AdminAuthInterceptor implements ServerInterceptor {

    /** The authenticated admin, in the context of an admin call. */
    public static final Context.Key<AdminTokens.Admin> ADMIN = Context.key("ascent-admin");

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final AdminTokens tokens;

    public AdminAuthInterceptor(@ConfigProperty(name = "ascent.gateway.admin-tokens") Optional<String> config) {
        this.tokens = new AdminTokens(config.orElse(""));
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        if (!tokens.any()) {
            return refuse(call, "no admin is configured on this gateway (ASCENT_ADMIN_TOKENS)");
        }
        String header = headers.get(AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return refuse(call, "the admin API needs the metadata 'authorization: Bearer <token>'");
        }
        Optional<AdminTokens.Admin> admin = tokens.adminFor(header.substring(7).trim());
        if (admin.isEmpty()) {
            return refuse(call, "the bearer token is not an admin's");
        }
        return Contexts.interceptCall(Context.current().withValue(ADMIN, admin.get()), call, headers, next);
    }

    private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, String why) {
        call.close(Status.UNAUTHENTICATED.withDescription(why), new Metadata());
        return new ServerCall.Listener<>() {
        };
    }
}
