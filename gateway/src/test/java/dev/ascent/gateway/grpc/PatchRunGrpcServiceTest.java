package dev.ascent.gateway.grpc;

import static dev.ascent.gateway.grpc.GatewayTestResource.ADMIN;
import static dev.ascent.gateway.grpc.GatewayTestResource.ADMIN_TOKEN;
import static dev.ascent.gateway.grpc.GatewayTestResource.BOT_PERSON;
import static dev.ascent.gateway.grpc.GatewayTestResource.BOT_TOKEN;
import static dev.ascent.gateway.grpc.GatewayTestResource.UNTRUSTED_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ascent.proto.api.v1.AdminServiceGrpc;
import dev.ascent.proto.api.v1.ContributorServiceGrpc;
import dev.ascent.proto.api.v1.GetContributorRequest;
import dev.ascent.proto.api.v1.GetPatchRunRequest;
import dev.ascent.proto.api.v1.GetPatchRunResponse;
import dev.ascent.proto.api.v1.ListPullRequestRunsRequest;
import dev.ascent.proto.api.v1.ListPullRequestRunsResponse;
import dev.ascent.proto.api.v1.PatchRunServiceGrpc;
import dev.ascent.proto.api.v1.RequestPatchRunRequest;
import dev.ascent.proto.api.v1.RequestPatchRunResponse;
import dev.ascent.proto.events.v1.GithubUser;
import dev.ascent.proto.ingest.v1.ListPendingCoAuthorsRequest;
import dev.ascent.proto.ledger.v1.GetStatsRequest;
import dev.ascent.proto.patchrunner.v1.RequestRunRequest;
import dev.ascent.proto.vm.v1.TestScope;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The gateway's public gRPC server with patch-runner faked on a loopback port: reads are open and pass through,
 * RequestPatchRun needs a known token and passes its holder on, and the API tokens open nothing of AdminService.
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class PatchRunGrpcServiceTest {

    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization",
            Metadata.ASCII_STRING_MARSHALLER);

    @GrpcClient("gateway")
    PatchRunServiceGrpc.PatchRunServiceBlockingStub patchRuns;

    @GrpcClient("gateway")
    AdminServiceGrpc.AdminServiceBlockingStub admin;

    @GrpcClient("gateway")
    ContributorServiceGrpc.ContributorServiceBlockingStub contributors;

    FakePatchRunner patchRunner;

    @Test
    void readsNeedNoTokenAndPassThroughUnchanged() {
        ListPullRequestRunsRequest list = ListPullRequestRunsRequest.newBuilder().setRepository("Python/CPython")
                .setPrNumber(4242).setLimit(5).build();
        ListPullRequestRunsResponse runs = open(patchRuns).listPullRequestRuns(list);
        assertEquals(ListPullRequestRunsResponse.newBuilder()
                .addRuns(FakePatchRunner.run("run-2", "Python/CPython", 4242))
                .addRuns(FakePatchRunner.run("run-1", "Python/CPython", 4242)).build(), runs);
        assertEquals(list, last(patchRunner.lists));

        GetPatchRunResponse run = open(patchRuns)
                .getPatchRun(GetPatchRunRequest.newBuilder().setRunId("run-7").build());
        assertEquals(FakePatchRunner.run("run-7", "python/cpython", 1), run.getRun());
        assertEquals("run-7", last(patchRunner.gets).getRunId());
    }

    @Test
    void readsIgnoreAnUnknownToken() {
        GetPatchRunResponse run = as("Bearer not-a-known-token", patchRuns)
                .getPatchRun(GetPatchRunRequest.newBuilder().setRunId("run-8").build());
        assertEquals("run-8", run.getRun().getRunId());
    }

    @Test
    void badArgumentsAreRefusedAtTheGateway() {
        int before = patchRunner.lists.size() + patchRunner.gets.size() + patchRunner.requests.size();
        assertStatus(Status.Code.INVALID_ARGUMENT, "repository 'cpython' is not \"owner/repo\"",
                () -> open(patchRuns).listPullRequestRuns(list("cpython", 1, 0)));
        assertStatus(Status.Code.INVALID_ARGUMENT, "repository 'python/cpython/extra' is not",
                () -> open(patchRuns).listPullRequestRuns(list("python/cpython/extra", 1, 0)));
        assertStatus(Status.Code.INVALID_ARGUMENT, "repository '' is not",
                () -> open(patchRuns).listPullRequestRuns(list("", 1, 0)));
        assertStatus(Status.Code.INVALID_ARGUMENT, "pr_number must be 1 or more, not 0",
                () -> open(patchRuns).listPullRequestRuns(list("python/cpython", 0, 0)));
        assertStatus(Status.Code.INVALID_ARGUMENT, "limit must be within 0..100 (0 means 20), not 101",
                () -> open(patchRuns).listPullRequestRuns(list("python/cpython", 1, 101)));
        assertStatus(Status.Code.INVALID_ARGUMENT, "not -1",
                () -> open(patchRuns).listPullRequestRuns(list("python/cpython", 1, -1)));
        assertStatus(Status.Code.INVALID_ARGUMENT, "run_id is empty",
                () -> open(patchRuns).getPatchRun(GetPatchRunRequest.newBuilder().setRunId(" ").build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "pr_number must be 1 or more, not -3",
                () -> as("Bearer " + BOT_TOKEN, patchRuns).requestPatchRun(request("python/cpython", -3)));
        assertStatus(Status.Code.INVALID_ARGUMENT, "scope 7 is not a test scope",
                () -> as("Bearer " + BOT_TOKEN, patchRuns).requestPatchRun(
                        request("python/cpython", 5).toBuilder().setScopeValue(7).build()));
        assertEquals(before, patchRunner.lists.size() + patchRunner.gets.size() + patchRunner.requests.size(),
                "patch-runner was asked nothing");
        // the largest page is allowed
        assertEquals(2, open(patchRuns).listPullRequestRuns(list("python/cpython", 1, 100)).getRunsCount());
    }

    @Test
    void patchRunnersRefusalsReachTheCallerWithTheirDescription() {
        assertStatus(Status.Code.NOT_FOUND, "no run " + FakePatchRunner.MISSING_RUN, () -> open(patchRuns)
                .getPatchRun(GetPatchRunRequest.newBuilder().setRunId(FakePatchRunner.MISSING_RUN).build()));
        assertStatus(Status.Code.FAILED_PRECONDITION, FakePatchRunner.CLOSED_REASON,
                () -> as("Bearer " + BOT_TOKEN, patchRuns)
                        .requestPatchRun(request("python/cpython", FakePatchRunner.CLOSED_PR)));
    }

    @Test
    void anUnexpectedFailureIsInternalWithoutItsDetails() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> open(patchRuns).listPullRequestRuns(list(FakePatchRunner.FAILING_REPOSITORY, 3, 0)));
        assertEquals(Status.Code.INTERNAL, e.getStatus().getCode());
        assertFalse(String.valueOf(e.getStatus().getDescription()).contains("NullPointerException"),
                e.getStatus().getDescription());
        assertEquals(FakePatchRunner.FAILING_REPOSITORY, last(patchRunner.lists).getRepository());
    }

    @Test
    void requestingARunNeedsAKnownBearerToken() {
        int before = patchRunner.requests.size();
        RequestPatchRunRequest request = request("python/cpython", 5);
        assertStatus(Status.Code.UNAUTHENTICATED, "authorization: Bearer <token>",
                () -> open(patchRuns).requestPatchRun(request));
        assertStatus(Status.Code.UNAUTHENTICATED, "not one this gateway knows",
                () -> as("Bearer wrong-token", patchRuns).requestPatchRun(request));
        assertStatus(Status.Code.UNAUTHENTICATED, "authorization: Bearer <token>",
                () -> as("Basic " + BOT_TOKEN, patchRuns).requestPatchRun(request));
        // unauthenticated comes first, even for a request that is invalid too
        assertStatus(Status.Code.UNAUTHENTICATED, "not one this gateway knows",
                () -> as("Bearer wrong-token", patchRuns).requestPatchRun(request("cpython", 0)));
        assertEquals(before, patchRunner.requests.size(), "patch-runner was asked nothing");
    }

    @Test
    void anApiTokenRequestsARunForItsHolderWhoIsNoAdmin() {
        RequestPatchRunRequest request = request("python/cpython", 5).toBuilder()
                .setScope(TestScope.TEST_SCOPE_FULL).build();
        RequestPatchRunResponse response = as("Bearer " + BOT_TOKEN, patchRuns).requestPatchRun(request);

        RequestRunRequest received = last(patchRunner.requests);
        assertEquals(request, received.getRequest());
        assertEquals(user(BOT_PERSON.githubId(), BOT_PERSON.login()), received.getCaller());
        assertFalse(received.getCallerIsAdmin());
        assertEquals("run-3", response.getRun().getRunId());
        assertEquals(received.getCaller(), response.getRun().getRequestedBy());
        assertEquals(TestScope.TEST_SCOPE_FULL, response.getRun().getScope());
    }

    @Test
    void anAdminTokenRequestsARunAsAnAdmin() {
        as("bearer " + ADMIN_TOKEN, patchRuns).requestPatchRun(request("python/cpython", 6));

        RequestRunRequest received = last(patchRunner.requests);
        assertEquals(user(ADMIN.githubId(), ADMIN.login()), received.getCaller());
        assertTrue(received.getCallerIsAdmin());
        assertEquals(6, received.getRequest().getPrNumber());
    }

    @Test
    void patchRunnersPermissionDeniedReachesTheCaller() {
        assertStatus(Status.Code.PERMISSION_DENIED, FakePatchRunner.UNTRUSTED_REASON,
                () -> as("Bearer " + UNTRUSTED_TOKEN, patchRuns).requestPatchRun(request("python/cpython", 9)));
        RequestRunRequest received = last(patchRunner.requests);
        assertEquals(FakePatchRunner.UNTRUSTED, received.getCaller().getLogin());
        assertFalse(received.getCallerIsAdmin());
    }

    @Test
    void anApiTokenOpensNothingOfTheAdminService() {
        assertStatus(Status.Code.UNAUTHENTICATED, "the bearer token is not an admin's",
                () -> as("Bearer " + BOT_TOKEN, admin)
                        .listPendingCoAuthors(ListPendingCoAuthorsRequest.getDefaultInstance()));
        assertStatus(Status.Code.UNAUTHENTICATED, "the bearer token is not an admin's",
                () -> as("Bearer " + BOT_TOKEN, admin).getLedgerStats(GetStatsRequest.getDefaultInstance()));
        assertStatus(Status.Code.UNAUTHENTICATED, "needs the metadata",
                () -> open(admin).getLedgerStats(GetStatsRequest.getDefaultInstance()));
        // the admin's token passes authentication; the ledger is not running in this test
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> as("Bearer " + ADMIN_TOKEN, admin).getLedgerStats(GetStatsRequest.getDefaultInstance()));
        assertNotEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode(), e.getStatus().toString());
    }

    @Test
    void theContributorServiceStaysOpen() {
        // answered by the service itself, so no interceptor stood in between
        assertStatus(Status.Code.INVALID_ARGUMENT, "login is empty",
                () -> open(contributors).getContributor(GetContributorRequest.getDefaultInstance()));
    }

    static ListPullRequestRunsRequest list(String repository, long number, int limit) {
        return ListPullRequestRunsRequest.newBuilder().setRepository(repository).setPrNumber(number).setLimit(limit)
                .build();
    }

    static RequestPatchRunRequest request(String repository, long number) {
        return RequestPatchRunRequest.newBuilder().setRepository(repository).setPrNumber(number).build();
    }

    static GithubUser user(long id, String login) {
        return GithubUser.newBuilder().setId(id).setLogin(login).build();
    }

    /** The stub without credentials, with a deadline so that a test cannot hang. */
    static <S extends AbstractStub<S>> S open(S stub) {
        return stub.withDeadlineAfter(20, TimeUnit.SECONDS);
    }

    /** The stub sending {@code authorization: <value>}. */
    static <S extends AbstractStub<S>> S as(String authorization, S stub) {
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, authorization);
        return open(stub).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    static void assertStatus(Status.Code code, String descriptionPart, Executable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call);
        assertEquals(code, e.getStatus().getCode(), e.getStatus().toString());
        String description = String.valueOf(e.getStatus().getDescription());
        assertTrue(description.contains(descriptionPart), description);
    }

    static <T> T last(List<T> received) {
        assertFalse(received.isEmpty(), "patch-runner received nothing");
        return received.get(received.size() - 1);
    }
}
