package dev.ascent.gateway.client;

import dev.ascent.gateway.security.BearerTokens;
import dev.ascent.proto.api.v1.GetPatchRunRequest;
import dev.ascent.proto.api.v1.GetPatchRunResponse;
import dev.ascent.proto.api.v1.ListPullRequestRunsRequest;
import dev.ascent.proto.api.v1.ListPullRequestRunsResponse;
import dev.ascent.proto.api.v1.RequestPatchRunRequest;
import dev.ascent.proto.api.v1.RequestPatchRunResponse;
import dev.ascent.proto.events.v1.GithubUser;
import dev.ascent.proto.patchrunner.v1.MutinyPatchRunQueryServiceGrpc;
import dev.ascent.proto.patchrunner.v1.RequestRunRequest;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The gateway's way to patch-runner ({@code ascent.patchrunner.v1.PatchRunQueryService}). Answers are the public API's
 * messages, unchanged. Failures are already fit for a public caller: patch-runner's NOT_FOUND, INVALID_ARGUMENT,
 * PERMISSION_DENIED and FAILED_PRECONDITION with their descriptions; UNAVAILABLE when patch-runner cannot be reached
 * or does not answer in time; INTERNAL without details for anything else (logged here).
 */
@ApplicationScoped
public class PatchRunnerClient {

    private static final Logger LOG = Logger.getLogger(PatchRunnerClient.class);
    private static final Set<Status.Code> PASSED_ON = Set.of(Status.Code.NOT_FOUND, Status.Code.INVALID_ARGUMENT,
            Status.Code.PERMISSION_DENIED, Status.Code.FAILED_PRECONDITION);

    private final MutinyPatchRunQueryServiceGrpc.MutinyPatchRunQueryServiceStub patchRunner;
    private final Duration deadline;

    public PatchRunnerClient(
            @GrpcClient("patch-runner") MutinyPatchRunQueryServiceGrpc.MutinyPatchRunQueryServiceStub patchRunner,
            @ConfigProperty(name = "ascent.gateway.patch-runner-deadline", defaultValue = "PT5S") Duration deadline) {
        this.patchRunner = patchRunner;
        this.deadline = deadline;
    }

    /** A pull request's runs, newest first. */
    public Uni<ListPullRequestRunsResponse> listPullRequestRuns(ListPullRequestRunsRequest request) {
        return Uni.createFrom().deferred(() -> stub().listPullRequestRuns(request))
                .onFailure().transform(e -> publicError(e, "ListPullRequestRuns"));
    }

    /** One run with its jobs. */
    public Uni<GetPatchRunResponse> getPatchRun(GetPatchRunRequest request) {
        return Uni.createFrom().deferred(() -> stub().getPatchRun(request))
                .onFailure().transform(e -> publicError(e, "GetPatchRun"));
    }

    /** A new run, requested by an authenticated caller; patch-runner decides whether the caller is trusted. */
    public Uni<RequestPatchRunResponse> requestPatchRun(RequestPatchRunRequest request, BearerTokens.Holder caller) {
        RequestRunRequest internal = toProto(request, caller);
        return Uni.createFrom().deferred(() -> stub().requestPatchRun(internal))
                .onFailure().transform(e -> publicError(e, "RequestPatchRun"));
    }

    static RequestRunRequest toProto(RequestPatchRunRequest request, BearerTokens.Holder caller) {
        return RequestRunRequest.newBuilder()
                .setRequest(request)
                .setCaller(GithubUser.newBuilder().setId(caller.githubId()).setLogin(caller.login()))
                .setCallerIsAdmin(caller.admin())
                .build();
    }

    private MutinyPatchRunQueryServiceGrpc.MutinyPatchRunQueryServiceStub stub() {
        // a deadline is fixed when the stub is made, so each call gets a fresh one
        return patchRunner.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** What a public caller sees of a failed call to patch-runner. */
    static RuntimeException publicError(Throwable e, String rpc) {
        Status status = Status.fromThrowable(e);
        Status.Code code = status.getCode();
        if (PASSED_ON.contains(code)) {
            // a fresh status: patch-runner's description, none of its trailers or causes
            return Status.fromCode(code).withDescription(status.getDescription()).asRuntimeException();
        }
        if (code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED) {
            LOG.warnf("patch-runner did not answer %s: %s %s", rpc, code, status.getDescription());
            return Status.UNAVAILABLE.withDescription(code == Status.Code.DEADLINE_EXCEEDED
                    ? "patch-runner did not answer in time; retry later"
                    : "patch-runner is unavailable; retry later").asRuntimeException();
        }
        LOG.errorf(e, "%s on patch-runner failed unexpectedly (%s)", rpc, code);
        return Status.INTERNAL.withDescription("the gateway could not complete the call").asRuntimeException();
    }
}
