package dev.ascent.gateway.grpc;

import dev.ascent.gateway.client.PatchRunnerClient;
import dev.ascent.gateway.security.BearerTokens;
import dev.ascent.proto.api.v1.GetPatchRunRequest;
import dev.ascent.proto.api.v1.GetPatchRunResponse;
import dev.ascent.proto.api.v1.ListPullRequestRunsRequest;
import dev.ascent.proto.api.v1.ListPullRequestRunsResponse;
import dev.ascent.proto.api.v1.PatchRunService;
import dev.ascent.proto.api.v1.RequestPatchRunRequest;
import dev.ascent.proto.api.v1.RequestPatchRunResponse;
import dev.ascent.proto.vm.v1.TestScope;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcService;
import io.quarkus.grpc.RegisterInterceptor;
import io.smallrye.mutiny.Uni;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The public {@code ascent.api.v1.PatchRunService}: a pull request's patch-test runs, open to anyone, and re-runs for
 * a caller with a known bearer token. Arguments are checked here too, then the calls go to patch-runner, whose answers
 * pass through unchanged; whether a caller may start a run is patch-runner's decision.
 */
@GrpcService
@RegisterInterceptor(CallerInterceptor.class)
public class PatchRunGrpcService implements PatchRunService {

    private static final Logger LOG = Logger.getLogger(PatchRunGrpcService.class);
    /** GitHub's names, loosely: an owner of letters, digits and hyphens; a repository of letters, digits, . - _ */
    private static final Pattern REPOSITORY =
            Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,38}/(?!\\.\\.?$)[A-Za-z0-9._-]{1,100}");
    private static final int MAX_LIMIT = 100;

    private final PatchRunnerClient patchRunner;

    public PatchRunGrpcService(PatchRunnerClient patchRunner) {
        this.patchRunner = patchRunner;
    }

    @Override
    public Uni<ListPullRequestRunsResponse> listPullRequestRuns(ListPullRequestRunsRequest request) {
        Optional<String> problem = pullRequestProblem(request.getRepository(), request.getPrNumber())
                .or(() -> limitProblem(request.getLimit()));
        if (problem.isPresent()) {
            return invalid(problem.get());
        }
        return patchRunner.listPullRequestRuns(request);
    }

    @Override
    public Uni<GetPatchRunResponse> getPatchRun(GetPatchRunRequest request) {
        if (request.getRunId().isBlank()) {
            return invalid("run_id is empty");
        }
        return patchRunner.getPatchRun(request);
    }

    @Override
    public Uni<RequestPatchRunResponse> requestPatchRun(RequestPatchRunRequest request) {
        BearerTokens.Holder caller;
        try {
            caller = CallerInterceptor.caller();
        } catch (StatusRuntimeException e) {
            return Uni.createFrom().failure(e);
        }
        Optional<String> problem = pullRequestProblem(request.getRepository(), request.getPrNumber())
                .or(() -> request.getScope() == TestScope.UNRECOGNIZED
                        ? Optional.of("scope " + request.getScopeValue() + " is not a test scope")
                        : Optional.empty());
        if (problem.isPresent()) {
            return invalid(problem.get());
        }
        LOG.infof("%s %s (%d) requests a run of %s#%d", caller.admin() ? "admin" : "API caller", caller.login(),
                caller.githubId(), request.getRepository(), request.getPrNumber());
        return patchRunner.requestPatchRun(request, caller);
    }

    /** Why a repository and pull request number cannot name a pull request, if they cannot. */
    static Optional<String> pullRequestProblem(String repository, long number) {
        if (!REPOSITORY.matcher(repository).matches()) {
            String shown = repository.length() > 120 ? repository.substring(0, 120) + "..." : repository;
            return Optional.of("repository '" + shown + "' is not \"owner/repo\", e.g. \"python/cpython\"");
        }
        if (number < 1) {
            return Optional.of("pr_number must be 1 or more, not " + number);
        }
        return Optional.empty();
    }

    /** Why a page size is out of range, if it is. */
    static Optional<String> limitProblem(int limit) {
        if (limit < 0 || limit > MAX_LIMIT) {
            return Optional.of("limit must be within 0.." + MAX_LIMIT + " (0 means 20), not " + limit);
        }
        return Optional.empty();
    }

    private static <T> Uni<T> invalid(String why) {
        return Uni.createFrom().failure(Status.INVALID_ARGUMENT.withDescription(why).asRuntimeException());
    }
}
