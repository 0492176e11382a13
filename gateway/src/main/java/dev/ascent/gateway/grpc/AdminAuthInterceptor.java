package dev.ascent.gateway.grpc;

import dev.ascent.gateway.security.BearerTokens;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Authenticates callers of the admin API: {@code authorization: Bearer <token>} must be a configured admin's token
 * (an API token is not). Otherwise the call ends UNAUTHENTICATED with a sentence; the admin is put in the call's
 * context. Registered on {@link AdminGrpcService} only.
 */
@ApplicationScoped
public class AdminAuthInterceptor implements ServerInterceptor {

    /** The authenticated admin, in the context of an admin call. */
    public static final Context.Key<BearerTokens.Holder> ADMIN = Context.key("ascent-admin");

    private final BearerTokens tokens;

    public AdminAuthInterceptor(BearerTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        if (!tokens.anyAdmin()) {
            return refuse(call, "no admin is configured on this gateway (ASCENT_ADMIN_TOKENS)");
        }
        Optional<String> token = BearerTokens.bearer(headers.get(CallerInterceptor.AUTHORIZATION));
        if (token.isEmpty()) {
            return refuse(call, "the admin API needs the metadata 'authorization: Bearer <token>'");
        }
        Optional<BearerTokens.Holder> admin = tokens.adminFor(token.get());
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
