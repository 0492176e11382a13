package dev.ascent.gateway.grpc;

import static dev.ascent.gateway.grpc.GatewayTestResource.BOT_TOKEN;
import static dev.ascent.gateway.grpc.PatchRunGrpcServiceTest.as;
import static dev.ascent.gateway.grpc.PatchRunGrpcServiceTest.assertStatus;
import static dev.ascent.gateway.grpc.PatchRunGrpcServiceTest.list;
import static dev.ascent.gateway.grpc.PatchRunGrpcServiceTest.open;
import static dev.ascent.gateway.grpc.PatchRunGrpcServiceTest.request;

import dev.ascent.proto.api.v1.GetPatchRunRequest;
import dev.ascent.proto.api.v1.PatchRunServiceGrpc;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The gateway with nothing listening where patch-runner should be: every PatchRunService call is UNAVAILABLE. */
@QuarkusTest
@WithTestResource(value = GatewayTestResource.class, initArgs = @ResourceArg(name = "patch-runner", value = "down"))
class PatchRunnerDownTest {

    static final String UNAVAILABLE = "patch-runner is unavailable; retry later";

    @GrpcClient("gateway")
    PatchRunServiceGrpc.PatchRunServiceBlockingStub patchRuns;

    @Test
    void everyCallIsUnavailableWithASentence() {
        assertStatus(Status.Code.UNAVAILABLE, UNAVAILABLE,
                () -> open(patchRuns).listPullRequestRuns(list("python/cpython", 1, 0)));
        assertStatus(Status.Code.UNAVAILABLE, UNAVAILABLE,
                () -> open(patchRuns).getPatchRun(GetPatchRunRequest.newBuilder().setRunId("run-1").build()));
        assertStatus(Status.Code.UNAVAILABLE, UNAVAILABLE,
                () -> as("Bearer " + BOT_TOKEN, patchRuns).requestPatchRun(request("python/cpython", 5)));
    }

    @Test
    void authenticationAndArgumentsAreStillCheckedFirst() {
        assertStatus(Status.Code.UNAUTHENTICATED, "authorization: Bearer <token>",
                () -> open(patchRuns).requestPatchRun(request("python/cpython", 5)));
        assertStatus(Status.Code.INVALID_ARGUMENT, "pr_number",
                () -> open(patchRuns).listPullRequestRuns(list("python/cpython", 0, 0)));
    }
}
