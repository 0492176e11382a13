package dev.ascent.gateway.grpc;

import dev.ascent.gateway.security.BearerTokens;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Authenticates callers of a public service whose reads are open and whose other RPCs act for someone: puts the
 * holder of a known {@code authorization: Bearer <token>} (an API token or an admin's) in the call's context, or the
 * reason there is none. Refuses nothing itself; an RPC that needs a caller asks {@link #caller()}.
 */
@ApplicationScoped
public class CallerInterceptor implements ServerInterceptor {

    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization",
            Metadata.ASCII_STRING_MARSHALLER);

    private static final Context.Key<BearerTokens.Holder> CALLER = Context.key("ascent-caller");
    private static final Context.Key<String> REFUSAL = Context.key("ascent-caller-refusal");
    private static final String NEEDS_TOKEN = "this call needs the metadata 'authorization: Bearer <token>'";

    private final BearerTokens tokens;

    public CallerInterceptor(BearerTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        String header = headers.get(AUTHORIZATION);
        if (header == null) {
            return next.startCall(call, headers);
        }
        Optional<String> token = BearerTokens.bearer(header);
        Context context;
        if (token.isEmpty()) {
            context = Context.current().withValue(REFUSAL, NEEDS_TOKEN);
        } else {
            context = tokens.holderFor(token.get())
                    .map(holder -> Context.current().withValue(CALLER, holder))
                    .orElseGet(() -> Context.current().withValue(REFUSAL,
                            "the bearer token is not one this gateway knows (ASCENT_API_TOKENS, ASCENT_ADMIN_TOKENS)"));
        }
        return Contexts.interceptCall(context, call, headers, next);
    }

    /**
     * The authenticated caller of the current call. Throws UNAUTHENTICATED with the reason when there is none (also
     * when this interceptor is not registered on the service: never act unauthenticated).
     */
    public static BearerTokens.Holder caller() throws StatusRuntimeException {
        BearerTokens.Holder holder = CALLER.get();
        if (holder != null) {
            return holder;
        }
        String why = REFUSAL.get();
        throw Status.UNAUTHENTICATED.withDescription(why == null ? NEEDS_TOKEN : why).asRuntimeException();
    }
}
