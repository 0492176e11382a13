package dev.ascent.patchrunner.grpc;

import dev.ascent.patchrunner.client.LedgerUnavailableException;
import dev.ascent.patchrunner.service.RequestRefused;
import io.grpc.Status;
import io.smallrye.mutiny.Uni;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Answers of patch-runner's gRPC services: a refused request gets its status code and a sentence; an unreachable
 * ledger UNAVAILABLE; anything unexpected INTERNAL without details (logged here, never a stack trace to a caller).
 */
final class GrpcAnswers {

    private static final Logger LOG = Logger.getLogger(GrpcAnswers.class);
    private static final Pattern REPOSITORY = Pattern.compile("[a-z0-9_.-]+/[a-z0-9_.-]+");

    private GrpcAnswers() {
    }

    static <T> Uni<T> answer(String rpc, Supplier<T> work) {
        try {
            return Uni.createFrom().item(work.get());
        } catch (RequestRefused e) {
            Status status = switch (e.kind()) {
                case INVALID_ARGUMENT -> Status.INVALID_ARGUMENT;
                case NOT_FOUND -> Status.NOT_FOUND;
                case FAILED_PRECONDITION -> Status.FAILED_PRECONDITION;
                case PERMISSION_DENIED -> Status.PERMISSION_DENIED;
            };
            return Uni.createFrom().failure(status.withDescription(e.getMessage()).asRuntimeException());
        } catch (LedgerUnavailableException e) {
            LOG.warnf("%s: %s", rpc, e.getMessage());
            return Uni.createFrom().failure(Status.UNAVAILABLE
                    .withDescription("the ledger cannot be reached, so the caller's role is unknown; try again later")
                    .asRuntimeException());
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s failed", rpc);
            return Uni.createFrom().failure(Status.INTERNAL.withDescription("internal error").asRuntimeException());
        }
    }

    static RequestRefused invalid(String why) {
        return new RequestRefused(RequestRefused.Kind.INVALID_ARGUMENT, why);
    }

    /** "owner/repo" in lower case. */
    static String repository(String raw) {
        String repo = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
        if (!REPOSITORY.matcher(repo).matches()) {
            throw invalid("repository must be owner/repo, not \"" + raw + "\"");
        }
        return repo;
    }

    static long prNumber(long number) {
        if (number < 1) {
            throw invalid("pr_number must be 1 or more, not " + number);
        }
        return number;
    }
}
