package dev.ascent.gateway.grpc;

import dev.ascent.proto.api.v1.GetPatchRunRequest;
import dev.ascent.proto.api.v1.GetPatchRunResponse;
import dev.ascent.proto.api.v1.ListPullRequestRunsRequest;
import dev.ascent.proto.api.v1.ListPullRequestRunsResponse;
import dev.ascent.proto.api.v1.PatchJob;
import dev.ascent.proto.api.v1.PatchJobState;
import dev.ascent.proto.api.v1.PatchRun;
import dev.ascent.proto.api.v1.PatchRunStatus;
import dev.ascent.proto.api.v1.RequestPatchRunResponse;
import dev.ascent.proto.events.v1.GithubUser;
import dev.ascent.proto.patchrunner.v1.PatchRunQueryServiceGrpc;
import dev.ascent.proto.patchrunner.v1.RequestRunRequest;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for patch-runner's {@code PatchRunQueryService} on a loopback port, answering by fixed rules and
 * keeping every request it received.
 */
public class FakePatchRunner extends PatchRunQueryServiceGrpc.PatchRunQueryServiceImplBase {

    /** ListPullRequestRuns for this repository fails with an INTERNAL whose description must not reach a caller. */
    static final String FAILING_REPOSITORY = "python/broken";
    static final String INTERNAL_DETAIL = "NullPointerException at RunStore.find(RunStore.java:42)";
    /** The login patch-runner does not trust. */
    static final String UNTRUSTED = "mallory";
    static final String UNTRUSTED_REASON =
            "mallory may not start runs: not an admin, and role newcomer is below contributor";
    static final long CLOSED_PR = 2;
    static final String CLOSED_REASON = "pull request python/cpython#2 is closed";
    static final String MISSING_RUN = "no-such-run";

    final List<ListPullRequestRunsRequest> lists = new CopyOnWriteArrayList<>();
    final List<GetPatchRunRequest> gets = new CopyOnWriteArrayList<>();
    final List<RequestRunRequest> requests = new CopyOnWriteArrayList<>();

    private Server server;

    /** Starts serving on a free loopback port. */
    void start() {
        try {
            server = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create()).addService(this).build()
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the fake patch-runner", e);
        }
    }

    int port() {
        return server.getPort();
    }

    void stop() throws InterruptedException {
        server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }

    /** The run the fake answers for a pull request. */
    static PatchRun run(String runId, String repository, long number) {
        return PatchRun.newBuilder().setRunId(runId).setRepository(repository.toLowerCase()).setPrNumber(number)
                .setHeadSha("4f1e2d3c").setBase("main")
                .setAuthor(GithubUser.newBuilder().setId(7).setLogin("newcomer"))
                .setStatus(PatchRunStatus.PATCH_RUN_STATUS_IN_PROGRESS)
                .setTrigger("opened by a trusted author (MEMBER)")
                .addJobs(PatchJob.newBuilder().setJobId(runId + "/amd64").setArch("amd64")
                        .setState(PatchJobState.PATCH_JOB_STATE_QUEUED))
                .addJobs(PatchJob.newBuilder().setJobId(runId + "/riscv64").setArch("riscv64").setInformational(true)
                        .setState(PatchJobState.PATCH_JOB_STATE_RUNNING).setAttempts(1).setWorker("worker-3"))
                .build();
    }

    @Override
    public void listPullRequestRuns(ListPullRequestRunsRequest request,
            StreamObserver<ListPullRequestRunsResponse> response) {
        lists.add(request);
        if (request.getRepository().equals(FAILING_REPOSITORY)) {
            response.onError(Status.INTERNAL.withDescription(INTERNAL_DETAIL).asRuntimeException());
            return;
        }
        response.onNext(ListPullRequestRunsResponse.newBuilder()
                .addRuns(run("run-2", request.getRepository(), request.getPrNumber()))
                .addRuns(run("run-1", request.getRepository(), request.getPrNumber()))
                .build());
        response.onCompleted();
    }

    @Override
    public void getPatchRun(GetPatchRunRequest request, StreamObserver<GetPatchRunResponse> response) {
        gets.add(request);
        if (request.getRunId().equals(MISSING_RUN)) {
            response.onError(Status.NOT_FOUND.withDescription("no run " + MISSING_RUN).asRuntimeException());
            return;
        }
        response.onNext(GetPatchRunResponse.newBuilder().setRun(run(request.getRunId(), "python/cpython", 1)).build());
        response.onCompleted();
    }

    @Override
    public void requestPatchRun(RequestRunRequest request, StreamObserver<RequestPatchRunResponse> response) {
        requests.add(request);
        if (request.getCaller().getLogin().equals(UNTRUSTED)) {
            response.onError(Status.PERMISSION_DENIED.withDescription(UNTRUSTED_REASON).asRuntimeException());
            return;
        }
        if (request.getRequest().getPrNumber() == CLOSED_PR) {
            response.onError(Status.FAILED_PRECONDITION.withDescription(CLOSED_REASON).asRuntimeException());
            return;
        }
        PatchRun run = run("run-3", request.getRequest().getRepository(), request.getRequest().getPrNumber())
                .toBuilder().setRequestedBy(request.getCaller()).setTrigger("re-run requested through the API")
                .setScope(request.getRequest().getScope()).build();
        response.onNext(RequestPatchRunResponse.newBuilder().setRun(run).build());
        response.onCompleted();
    }
}
