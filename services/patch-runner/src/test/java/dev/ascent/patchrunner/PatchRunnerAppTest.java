package dev.ascent.patchrunner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.ascent.patchrunner.Webhooks.PullRequestHook;
import dev.ascent.patchrunner.messaging.ContributionPublisher;
import dev.ascent.patchrunner.messaging.JobPublisher;
import dev.ascent.patchrunner.messaging.TestJobCompletedConsumer;
import dev.ascent.patchrunner.messaging.TestJobProgressedConsumer;
import dev.ascent.patchrunner.messaging.WebhookReceivedConsumer;
import dev.ascent.patchrunner.repository.RunStore;
import dev.ascent.patchrunner.service.PatchRunService;
import dev.ascent.devstack.Await;
import dev.ascent.proto.Times;
import dev.ascent.proto.api.v1.GetPatchRunRequest;
import dev.ascent.proto.api.v1.ListPullRequestRunsRequest;
import dev.ascent.proto.api.v1.PatchJob;
import dev.ascent.proto.api.v1.PatchJobState;
import dev.ascent.proto.api.v1.PatchRun;
import dev.ascent.proto.api.v1.PatchRunStatus;
import dev.ascent.proto.api.v1.RequestPatchRunRequest;
import dev.ascent.proto.events.v1.ContributionRecorded;
import dev.ascent.proto.events.v1.GithubUser;
import dev.ascent.proto.patchrunner.v1.ClaimDecision;
import dev.ascent.proto.patchrunner.v1.ClaimJobRequest;
import dev.ascent.proto.patchrunner.v1.ClaimJobResponse;
import dev.ascent.proto.patchrunner.v1.HeartbeatDecision;
import dev.ascent.proto.patchrunner.v1.JobControlServiceGrpc;
import dev.ascent.proto.patchrunner.v1.JobHeartbeatRequest;
import dev.ascent.proto.patchrunner.v1.PatchRunQueryServiceGrpc;
import dev.ascent.proto.patchrunner.v1.RequestRunRequest;
import dev.ascent.proto.vm.v1.JobStage;
import dev.ascent.proto.vm.v1.JobStatus;
import dev.ascent.proto.vm.v1.TestJobCompleted;
import dev.ascent.proto.vm.v1.TestJobProgressed;
import dev.ascent.proto.vm.v1.TestJobRequested;
import dev.ascent.proto.vm.v1.TestScope;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.Test;

/**
 * patch-runner on the in-memory connector, the MongoDB stand-in, a fake ledger over real gRPC and a diff server on
 * loopback: webhooks in, jobs out on their architectures' topics, the workers' API, results in, patch.passed out,
 * and the query API. Each test uses pull requests of its own: the app and its database are shared by the class.
 */
@QuarkusTest
@WithTestResource(PatchRunnerTestResource.class)
class PatchRunnerAppTest {

    static final Duration DEADLINE = Duration.ofSeconds(30);
    static final AtomicLong OFFSETS = new AtomicLong();
    static final AtomicLong TICKS = new AtomicLong();
    static final Instant EPOCH = Instant.parse("2026-03-01T00:00:00Z");
    static final List<String> ARCHS = List.of("amd64", "arm64", "riscv64");
    static final String REPO = "python/cpython";

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    @Inject
    MeterRegistry metrics;

    @Inject
    RunStore store;

    @Inject
    JobPublisher jobPublisher;

    @GrpcClient("patchrunner")
    PatchRunQueryServiceGrpc.PatchRunQueryServiceBlockingStub query;

    @GrpcClient("patchrunner")
    JobControlServiceGrpc.JobControlServiceBlockingStub control;

    @ConfigProperty(name = PatchRunnerTestResource.DIFF_BASE)
    String diffBase;

    // ------------------------------------------------------------------ deliveries

    /** What became of a consumed record: acknowledged, or refused with the reason. */
    record Delivery(CompletableFuture<Void> acked, CompletableFuture<Throwable> nacked) {

        /** Waits until the record was settled; true when acknowledged. */
        boolean settled() throws Exception {
            return CompletableFuture.anyOf(acked, nacked).thenApply(x -> acked.isDone())
                    .get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        }
    }

    Delivery deliver(String channel, String topic, String ceType, String ceId, String key, byte[] body) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(topic, 0, OFFSETS.incrementAndGet(), key, body);
        if (ceId != null) {
            record.headers().add("ce_id", ceId.getBytes(StandardCharsets.UTF_8));
        }
        if (ceType != null) {
            record.headers().add("ce_type", ceType.getBytes(StandardCharsets.UTF_8));
        }
        record.headers().add("ce_time", Instant.now().toString().getBytes(StandardCharsets.UTF_8));
        Delivery d = new Delivery(new CompletableFuture<>(), new CompletableFuture<>());
        Message<byte[]> message = Message.of(body, Metadata.of(new IncomingKafkaRecordMetadata<>(record, channel)),
                () -> {
                    d.acked().complete(null);
                    return CompletableFuture.completedFuture(null);
                }, e -> {
                    d.nacked().complete(e);
                    return CompletableFuture.completedFuture(null);
                });
        connector.<Message<byte[]>>source(channel).send(message);
        return d;
    }

    void webhook(String deliveryId, PullRequestHook hook) throws Exception {
        assertTrue(deliver(WebhookReceivedConsumer.WEBHOOKS, "github.webhooks.v1",
                WebhookReceivedConsumer.PULL_REQUEST_TYPE, deliveryId, deliveryId, hook.bytes()).settled(),
                "webhook " + deliveryId + " acknowledged");
    }

    void report(TestJobCompleted result) throws Exception {
        assertTrue(deliver(TestJobCompletedConsumer.RESULTS, "vm.results.v1", TestJobCompletedConsumer.RESULT_TYPE,
                result.getJobId() + "#" + result.getAttempt() + "/" + OFFSETS.get(), result.getJobId(),
                result.toByteArray()).settled());
    }

    /** A pull_request webhook of a pull request of python/cpython, its time later than every one before. */
    PullRequestHook pr(String action, long number) {
        return Webhooks.pullRequest(action).repository(REPO).number(number)
                .diffUrl(diffBase + "/python/cpython/pull/" + number + ".diff")
                .head("sha-" + number).base("main").updatedAt(EPOCH.plusSeconds(TICKS.incrementAndGet()));
    }

    PullRequestHook trustedOpened(long number) {
        return pr("opened", number).author("ada", 2001, "User", "MEMBER").sender("ada", 2001, "User");
    }

    // ------------------------------------------------------------------ what came out

    List<Message<byte[]>> jobsOf(String runId) {
        return connector.<byte[]>sink(JobPublisher.JOBS).received().stream()
                .filter(m -> key(m).startsWith(runId + "/")).map(m -> (Message<byte[]>) m).toList();
    }

    List<ContributionRecorded> contributionsOf(long number) {
        return connector.<byte[]>sink(ContributionPublisher.CONTRIBUTIONS).received().stream()
                .map(m -> parse(m, ContributionRecorded::parseFrom))
                .filter(c -> c.getTarget().getNumber() == number).toList();
    }

    List<Message<byte[]>> deadLetters(String channel, String key) {
        return connector.<byte[]>sink(channel).received().stream().filter(m -> key.equals(key(m)))
                .map(m -> (Message<byte[]>) m).toList();
    }

    static String key(Message<?> m) {
        return String.valueOf(m.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow().getKey());
    }

    static String header(Message<?> m, String name) {
        var h = m.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow().getHeaders().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    interface Parser<T> {
        T parse(byte[] b) throws InvalidProtocolBufferException;
    }

    static <T> T parse(Message<byte[]> m, Parser<T> p) {
        try {
            return p.parse(m.getPayload());
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    PatchRun run(String runId) {
        return query.getPatchRun(GetPatchRunRequest.newBuilder().setRunId(runId).build()).getRun();
    }

    List<PatchRun> runsOf(long number) {
        return query.listPullRequestRuns(ListPullRequestRunsRequest.newBuilder().setRepository(REPO)
                .setPrNumber(number).build()).getRunsList();
    }

    static PatchJob job(PatchRun run, String arch) {
        return run.getJobsList().stream().filter(j -> j.getArch().equals(arch)).findFirst().orElseThrow();
    }

    ClaimJobResponse claim(String jobId, String worker) {
        return control.claimJob(ClaimJobRequest.newBuilder()
                .setJob(TestJobRequested.newBuilder().setJobId(jobId)).setWorker(worker).build());
    }

    HeartbeatDecision heartbeat(String jobId, int attempt) {
        return control.jobHeartbeat(JobHeartbeatRequest.newBuilder().setJobId(jobId).setAttempt(attempt)
                .setWorker("w").build()).getDecision();
    }

    static TestJobCompleted result(String jobId, int attempt, JobStatus status, Instant finishedAt) {
        String[] parts = jobId.split("/");
        return TestJobCompleted.newBuilder().setJobId(jobId).setRunId(parts[0]).setArch(parts[1])
                .setAttempt(attempt).setWorker("w1").setBase("main").setStatus(status)
                .setDetail(status.name()).setFinishedAt(Times.toTimestamp(finishedAt)).build();
    }

    static Status.Code code(Runnable call) {
        return assertThrows(StatusRuntimeException.class, call::run).getStatus().getCode();
    }

    // ------------------------------------------------------------------ tests

    @Test
    void aTrustedAuthorsPullRequestQueuesOneJobPerArchitectureOnItsTopic() throws Exception {
        String delivery = "d-queue-101";
        webhook(delivery, trustedOpened(101));
        String runId = PatchRunService.runIdOf(delivery);
        byte[] diff = DiffServer.diffFor("python/cpython/pull/101.diff");

        Map<String, Message<byte[]>> byTopic = jobsOf(runId).stream().collect(Collectors.toMap(
                m -> m.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow().getTopic(), Function.identity()));
        assertEquals(Set.of("vm.jobs.amd64", "vm.jobs.arm64", "vm.jobs.riscv64"), byTopic.keySet());
        for (String arch : ARCHS) {
            Message<byte[]> m = byTopic.get("vm.jobs." + arch);
            String jobId = runId + "/" + arch;
            assertEquals(jobId, key(m));
            OutgoingCloudEventMetadata<?> ce = m.getMetadata(OutgoingCloudEventMetadata.class).orElseThrow();
            assertEquals(jobId, ce.getId());
            assertEquals("ascent.vm.v1.TestJobRequested", ce.getType());
            assertEquals("ascent/patch-runner", ce.getSource().toString());
            assertEquals("application/protobuf", ce.getDataContentType().orElseThrow());
            TestJobRequested job = parse(m, TestJobRequested::parseFrom);
            assertEquals(jobId, job.getJobId());
            assertEquals(runId, job.getRunId());
            assertEquals(REPO, job.getRepository());
            assertEquals(101, job.getPrNumber());
            assertEquals("sha-101", job.getHeadSha());
            assertEquals("main", job.getBase());
            assertEquals(arch, job.getArch());
            assertArrayEquals(diff, job.getPatch().toByteArray());
            assertEquals(TestScope.TEST_SCOPE_SELECTED, job.getScope());
            assertEquals(arch.equals("riscv64"), job.getInformational());
        }

        PatchRun run = run(runId);
        assertEquals(PatchRunStatus.PATCH_RUN_STATUS_IN_PROGRESS, run.getStatus());
        assertEquals("opened by a trusted author (MEMBER)", run.getTrigger());
        assertEquals(2001, run.getAuthor().getId());
        assertEquals(2001, run.getRequestedBy().getId());
        assertEquals(diff.length, run.getPatchBytes());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(diff)),
                run.getPatchSha256());
        assertEquals(ARCHS, run.getJobsList().stream().map(PatchJob::getArch).toList());
        assertTrue(run.getJobsList().stream().allMatch(j -> j.getState() == PatchJobState.PATCH_JOB_STATE_QUEUED));
        assertTrue(store.unpublishedOf(runId).isEmpty(), "every job marked published after Kafka's ack");
    }

    @Test
    void theSameDeliveryTwiceIsOneRun() throws Exception {
        webhook("d-twice-102", trustedOpened(102));
        webhook("d-twice-102", trustedOpened(102));
        assertEquals(1, runsOf(102).size());
        assertEquals(3, jobsOf(PatchRunService.runIdOf("d-twice-102")).size());
    }

    @Test
    void anUntrustedAuthorsPatchRunsOnlyAfterATrustedPersonsLabelAndOnlyThatHead() throws Exception {
        webhook("d-label-103-open", pr("opened", 103).author(FakeLedger.NEWCOMER, FakeLedger.NEWCOMER_ID, "User",
                "FIRST_TIME_CONTRIBUTOR").sender(FakeLedger.NEWCOMER, FakeLedger.NEWCOMER_ID, "User"));
        assertEquals(List.of(), runsOf(103));
        assertEquals(List.of(), jobsOf(PatchRunService.runIdOf("d-label-103-open")));

        // the author labels their own pull request: not trusted
        webhook("d-label-103-self", pr("labeled", 103).author(FakeLedger.NEWCOMER, FakeLedger.NEWCOMER_ID, "User",
                "NONE").sender(FakeLedger.NEWCOMER, FakeLedger.NEWCOMER_ID, "User").label("test-with-ascent"));
        assertEquals(List.of(), runsOf(103));

        webhook("d-label-103-trusted", pr("labeled", 103).author(FakeLedger.NEWCOMER, FakeLedger.NEWCOMER_ID,
                "User", "NONE").sender(FakeLedger.CONTRIBUTOR, FakeLedger.CONTRIBUTOR_ID, "User")
                .label("test-with-ascent"));
        List<PatchRun> runs = runsOf(103);
        assertEquals(1, runs.size());
        assertEquals("label test-with-ascent added by contrib (role contributor)", runs.get(0).getTrigger());
        assertEquals(FakeLedger.CONTRIBUTOR_ID, runs.get(0).getRequestedBy().getId());
        assertEquals(FakeLedger.NEWCOMER_ID, runs.get(0).getAuthor().getId());
        assertEquals(3, jobsOf(runs.get(0).getRunId()).size());

        // a later push of the untrusted author does not run by itself, and cancels the labelled run
        webhook("d-label-103-push", pr("synchronize", 103).author(FakeLedger.NEWCOMER, FakeLedger.NEWCOMER_ID,
                "User", "NONE").sender(FakeLedger.NEWCOMER, FakeLedger.NEWCOMER_ID, "User").head("sha-103-b"));
        runs = runsOf(103);
        assertEquals(1, runs.size());
        assertEquals(PatchRunStatus.PATCH_RUN_STATUS_CANCELLED, runs.get(0).getStatus());
        assertEquals("cancelled by a newer push", runs.get(0).getDetail());
    }

    @Test
    void anotherLabelOrAnUnservedRepositoryDoesNothing() throws Exception {
        webhook("d-other-104", pr("labeled", 104).author(FakeLedger.NEWCOMER, FakeLedger.NEWCOMER_ID, "User",
                "NONE").sender(FakeLedger.CORE, FakeLedger.CORE_ID, "User").label("type-bug"));
        assertEquals(List.of(), runsOf(104));
        webhook("d-fork-104", trustedOpened(104).repository("someone/fork"));
        assertEquals(List.of(), query.listPullRequestRuns(ListPullRequestRunsRequest.newBuilder()
                .setRepository("someone/fork").setPrNumber(104).build()).getRunsList());
    }

    @Test
    void aPushCancelsTheRunningJobThroughItsHeartbeatAndTheQueuedOnesAtOnce() throws Exception {
        webhook("d-push-105-open", trustedOpened(105));
        String first = PatchRunService.runIdOf("d-push-105-open");
        ClaimJobResponse claimed = claim(first + "/amd64", "w1");
        assertEquals(ClaimDecision.CLAIM_DECISION_RUN, claimed.getDecision());
        assertEquals(HeartbeatDecision.HEARTBEAT_DECISION_CONTINUE, heartbeat(first + "/amd64", 1));

        webhook("d-push-105-sync", pr("synchronize", 105).author("ada", 2001, "User", "MEMBER")
                .sender("ada", 2001, "User").head("sha-105-b"));
        String second = PatchRunService.runIdOf("d-push-105-sync");

        assertEquals(HeartbeatDecision.HEARTBEAT_DECISION_CANCEL, heartbeat(first + "/amd64", 1));
        PatchRun cancelled = run(first);
        assertEquals(PatchRunStatus.PATCH_RUN_STATUS_IN_PROGRESS, cancelled.getStatus(), "amd64 still stopping");
        assertEquals("cancelled by a newer push", cancelled.getDetail());
        for (String arch : List.of("arm64", "riscv64")) {
            PatchJob j = job(cancelled, arch);
            assertEquals(PatchJobState.PATCH_JOB_STATE_FINISHED, j.getState());
            assertEquals(JobStatus.JOB_STATUS_CANCELLED, j.getResult().getStatus());
            assertEquals("cancelled by a newer push", j.getResult().getDetail());
            assertEquals(0, j.getAttempts());
        }
        assertEquals(ClaimDecision.CLAIM_DECISION_SKIP, claim(first + "/arm64", "w2").getDecision());

        // the worker stops and reports the cancellation: the run is settled
        report(result(first + "/amd64", 1, JobStatus.JOB_STATUS_CANCELLED, Instant.now()));
        assertEquals(PatchRunStatus.PATCH_RUN_STATUS_CANCELLED, run(first).getStatus());
        assertTrue(run(first).hasFinishedAt());

        PatchRun next = run(second);
        assertEquals(PatchRunStatus.PATCH_RUN_STATUS_IN_PROGRESS, next.getStatus());
        assertEquals("sha-105-b", next.getHeadSha());
        assertEquals(3, jobsOf(second).size());
        assertEquals(List.of(second, first), runsOf(105).stream().map(PatchRun::getRunId).toList(), "newest first");
    }

    @Test
    void aPushCancelsAnInformationalJobLeftOverFromADecidedRun() throws Exception {
        webhook("d-left-118-open", trustedOpened(118));
        String first = PatchRunService.runIdOf("d-left-118-open");
        for (String arch : List.of("amd64", "arm64")) {
            assertEquals(ClaimDecision.CLAIM_DECISION_RUN, claim(first + "/" + arch, "w1").getDecision());
            report(result(first + "/" + arch, 1, JobStatus.JOB_STATUS_PASSED, Instant.now()));
        }
        assertEquals(PatchRunStatus.PATCH_RUN_STATUS_PASSED, run(first).getStatus());
        assertEquals(PatchJobState.PATCH_JOB_STATE_QUEUED, job(run(first), "riscv64").getState());

        webhook("d-left-118-sync", pr("synchronize", 118).author("ada", 2001, "User", "MEMBER")
                .sender("ada", 2001, "User").head("sha-118-b"));
        PatchRun decided = run(first);
        assertEquals(PatchRunStatus.PATCH_RUN_STATUS_PASSED, decided.getStatus(), "a verdict stays as it is");
        assertEquals(JobStatus.JOB_STATUS_CANCELLED, job(decided, "riscv64").getResult().getStatus());
        assertEquals("cancelled by a newer push", job(decided, "riscv64").getResult().getDetail());
        assertEquals(ClaimDecision.CLAIM_DECISION_SKIP, claim(first + "/riscv64", "w3").getDecision());
    }

    @Test
    void closingAPullRequestCancelsItsRunsAndARerunIsRefused() throws Exception {
        webhook("d-close-106-open", trustedOpened(106));
        webhook("d-close-106-closed", pr("closed", 106).author("ada", 2001, "User", "MEMBER")
                .sender("ada", 2001, "User").state("closed"));
        PatchRun run = run(PatchRunService.runIdOf("d-close-106-open"));
        assertEquals(PatchRunStatus.PATCH_RUN_STATUS_CANCELLED, run.getStatus());
        assertEquals("cancelled: the pull request was closed", run.getDetail());
        assertEquals(Status.Code.FAILED_PRECONDITION, code(() -> query.requestPatchRun(rerun(106,
                FakeLedger.CORE, FakeLedger.CORE_ID, false))));
    }

    @Test
    void claimsCountAttemptsAndTheFourthIsSkippedWithAnError() throws Exception {
        webhook("d-claims-107", trustedOpened(107));
        String jobId = PatchRunService.runIdOf("d-claims-107") + "/arm64";
        for (int attempt = 1; attempt <= 3; attempt++) {
            ClaimJobResponse r = claim(jobId, "worker-" + attempt);
            assertEquals(ClaimDecision.CLAIM_DECISION_RUN, r.getDecision());
            assertEquals(attempt, r.getAttempt());
        }
        Instant claimedBy = Instant.now();
        Instant heardAtClaim = Times.toInstant(job(run(PatchRunService.runIdOf("d-claims-107")), "arm64")
                .getHeardAt());
        assertFalse(heardAtClaim.isAfter(claimedBy), "heard at its claim");
        assertEquals(HeartbeatDecision.HEARTBEAT_DECISION_ABANDON, heartbeat(jobId, 1), "attempt 3 took it over");
        assertEquals(heardAtClaim, Times.toInstant(job(run(PatchRunService.runIdOf("d-claims-107")), "arm64")
                .getHeardAt()), "an attempt that was taken over is not the job's worker");
        // MongoDB keeps milliseconds: the heartbeat must come in a later one to be told apart
        Await.until("a millisecond after the claim", Duration.ofSeconds(5),
                () -> Instant.now().truncatedTo(ChronoUnit.MILLIS).isAfter(heardAtClaim));
        assertEquals(HeartbeatDecision.HEARTBEAT_DECISION_CONTINUE, heartbeat(jobId, 3));
        PatchJob running = job(run(PatchRunService.runIdOf("d-claims-107")), "arm64");
        assertEquals(3, running.getAttempts());
        assertEquals("worker-3", running.getWorker());
        assertEquals(PatchJobState.PATCH_JOB_STATE_RUNNING, running.getState());
        assertTrue(Times.toInstant(running.getHeardAt()).isAfter(heardAtClaim), "heard again at its heartbeat");
        assertFalse(running.getWorkerSilent(), "heard a moment ago");

        ClaimJobResponse fourth = claim(jobId, "worker-4");
        assertEquals(ClaimDecision.CLAIM_DECISION_SKIP, fourth.getDecision());
        assertEquals("3 attempts were started and none finished", fourth.getReason());
        PatchJob done = job(run(PatchRunService.runIdOf("d-claims-107")), "arm64");
        assertEquals(PatchJobState.PATCH_JOB_STATE_FINISHED, done.getState());
        assertEquals(JobStatus.JOB_STATUS_ERROR, done.getResult().getStatus());
        assertEquals("3 attempts were started and none finished", done.getResult().getDetail());
        assertEquals(HeartbeatDecision.HEARTBEAT_DECISION_ABANDON, heartbeat(jobId, 3));

        assertEquals("the job already has a result", claim(jobId, "worker-5").getReason());
        assertEquals("unknown job", claim("no-such-run/amd64", "worker-1").getReason());
        assertEquals(Status.Code.INVALID_ARGUMENT, code(() -> claim("", "worker-1")));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(() -> heartbeat(jobId, 0)));
    }

    @Test
    void concurrentClaimsOfOneJobGetDistinctAttemptsAndNoMoreThanThree() throws Exception {
        webhook("d-race-116", trustedOpened(116));
        String jobId = PatchRunService.runIdOf("d-race-116") + "/amd64";
        int workers = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(workers);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<ClaimJobResponse>> claims = new java.util.ArrayList<>();
            for (int i = 0; i < workers; i++) {
                String worker = "racer-" + i;
                claims.add(pool.submit(() -> {
                    go.await();
                    return claim(jobId, worker);
                }));
            }
            go.countDown();
            List<ClaimJobResponse> answers = new java.util.ArrayList<>();
            for (var f : claims) {
                answers.add(f.get(DEADLINE.toSeconds(), TimeUnit.SECONDS));
            }
            List<Integer> attempts = answers.stream().filter(a -> a.getDecision() == ClaimDecision.CLAIM_DECISION_RUN)
                    .map(ClaimJobResponse::getAttempt).sorted().toList();
            assertEquals(List.of(1, 2, 3), attempts, "each attempt handed out once");
            assertEquals(workers - 3, answers.stream()
                    .filter(a -> a.getDecision() == ClaimDecision.CLAIM_DECISION_SKIP).count());
        } finally {
            pool.shutdownNow();
        }
        PatchJob job = job(run(PatchRunService.runIdOf("d-race-116")), "amd64");
        assertEquals(3, job.getAttempts());
        assertEquals(JobStatus.JOB_STATUS_ERROR, job.getResult().getStatus());
    }

    @Test
    void theFirstResultWinsAndAPassedRunCreditsTheAuthorOncePerArchitecture() throws Exception {
        webhook("d-pass-108", trustedOpened(108));
        String runId = PatchRunService.runIdOf("d-pass-108");
        for (String arch : ARCHS) {
            assertEquals(ClaimDecision.CLAIM_DECISION_RUN, claim(runId + "/" + arch, "w1").getDecision());
        }
        TestJobProgressed progress = TestJobProgressed.newBuilder().setJobId(runId + "/amd64").setRunId(runId)
                .setArch("amd64").setAttempt(1).setWorker("w1").setStage(JobStage.JOB_STAGE_TESTING)
                .setTestsDone(3).setTestsTotal(7).setLastTest("test_json").build();
        assertTrue(deliver(TestJobProgressedConsumer.PROGRESS, "vm.progress.v1",
                TestJobProgressedConsumer.PROGRESS_TYPE, "p-108", progress.getJobId(), progress.toByteArray())
                .settled());
        assertEquals(progress, job(run(runId), "amd64").getProgress());

        double ignoredBefore = metrics.get("ascent.patchrunner.results.ignored").counter().count();
        Instant at = Instant.parse("2026-03-05T10:00:00Z");
        report(result(runId + "/amd64", 1, JobStatus.JOB_STATUS_PASSED, at));
        report(result(runId + "/amd64", 1, JobStatus.JOB_STATUS_FAILED, at.plusSeconds(5)));
        assertEquals(PatchRunStatus.PATCH_RUN_STATUS_IN_PROGRESS, run(runId).getStatus());
        report(result(runId + "/arm64", 1, JobStatus.JOB_STATUS_PASSED, at.plusSeconds(10)));
        // riscv64 is informational: the verdict does not wait for it
        PatchRun decided = run(runId);
        assertEquals(PatchRunStatus.PATCH_RUN_STATUS_PASSED, decided.getStatus());
        assertEquals(at.plusSeconds(10), Times.toInstant(decided.getFinishedAt()));
        assertEquals(PatchJobState.PATCH_JOB_STATE_RUNNING, job(decided, "riscv64").getState());
        report(result(runId + "/riscv64", 1, JobStatus.JOB_STATUS_PASSED, at.plusSeconds(20)));
        report(result(runId + "/arm64", 1, JobStatus.JOB_STATUS_PASSED, at.plusSeconds(10)));

        PatchRun run = run(runId);
        assertEquals(PatchRunStatus.PATCH_RUN_STATUS_PASSED, run.getStatus());
        assertEquals(JobStatus.JOB_STATUS_PASSED, job(run, "amd64").getResult().getStatus(), "the first result");
        assertEquals(JobStatus.JOB_STATUS_PASSED, job(run, "riscv64").getResult().getStatus(), "shown when it came");
        assertFalse(job(run, "amd64").hasProgress(), "a finished job shows no progress");
        assertEquals(at.plusSeconds(10), Times.toInstant(run.getFinishedAt()), "when the verdict was in");
        assertEquals(ignoredBefore + 2, metrics.get("ascent.patchrunner.results.ignored").counter().count());

        List<ContributionRecorded> credits = contributionsOf(108);
        assertEquals(List.of("patch.passed:python/cpython#108:2001:amd64", "patch.passed:python/cpython#108:2001:arm64",
                "patch.passed:python/cpython#108:2001:riscv64"),
                credits.stream().map(ContributionRecorded::getEventId).toList(), "once each, informational included");
        ContributionRecorded amd64 = credits.get(0);
        assertEquals("patch.passed", amd64.getKind());
        assertEquals(2001, amd64.getContributor().getId());
        assertEquals("ada", amd64.getContributor().getLogin());
        assertEquals(at, Times.toInstant(amd64.getOccurredAt()));
        assertEquals("https://github.com/python/cpython/pull/108", amd64.getUrl());
        assertEquals("amd64", amd64.getArch());
        assertEquals("d-pass-108", amd64.getSourceDeliveryId());
        Message<byte[]> m = connector.<byte[]>sink(ContributionPublisher.CONTRIBUTIONS).received().stream()
                .filter(x -> parse(x, ContributionRecorded::parseFrom).getEventId().equals(amd64.getEventId()))
                .findFirst().orElseThrow();
        assertEquals("2001", key(m));
        OutgoingCloudEventMetadata<?> ce = m.getMetadata(OutgoingCloudEventMetadata.class).orElseThrow();
        assertEquals(amd64.getEventId(), ce.getId());
        assertEquals("ascent.events.v1.ContributionRecorded", ce.getType());
        assertEquals("ascent/patch-runner", ce.getSource().toString());
        assertEquals("patch.passed", ce.getSubject().orElseThrow());

        // a re-run that passes again is the same fact: nothing new is published
        PatchRun again = query.requestPatchRun(rerun(108, FakeLedger.CORE, FakeLedger.CORE_ID, false)).getRun();
        report(result(again.getRunId() + "/amd64", 1, JobStatus.JOB_STATUS_PASSED, at.plusSeconds(100)));
        assertEquals(3, contributionsOf(108).size());
    }

    @Test
    void aBotsPatchRunsWhenLabelledButEarnsNoPatchPassed() throws Exception {
        PullRequestHook bot = pr("opened", 109).author("dependabot[bot]", 49699333, "Bot", "MEMBER")
                .sender("dependabot[bot]", 49699333, "Bot");
        webhook("d-bot-109-open", bot);
        assertEquals(List.of(), runsOf(109), "a bot is never trusted by itself");
        webhook("d-bot-109-label", pr("labeled", 109).author("dependabot[bot]", 49699333, "Bot", "MEMBER")
                .sender(FakeLedger.CORE, FakeLedger.CORE_ID, "User").label("test-with-ascent"));
        String runId = PatchRunService.runIdOf("d-bot-109-label");
        for (String arch : ARCHS) {
            report(result(runId + "/" + arch, 1, JobStatus.JOB_STATUS_PASSED, Instant.now()));
        }
        assertEquals(PatchRunStatus.PATCH_RUN_STATUS_PASSED, run(runId).getStatus());
        assertEquals(List.of(), contributionsOf(109));
    }

    @Test
    void recordsThatCannotBeReadGoToTheirDeadLetterTopicsWithTheReason() throws Exception {
        byte[] garbage = "not protobuf".getBytes(StandardCharsets.UTF_8);
        assertTrue(deliver(TestJobCompletedConsumer.RESULTS, "vm.results.v1", TestJobCompletedConsumer.RESULT_TYPE,
                "bad-1", "bad-result", garbage).settled());
        List<Message<byte[]>> dead = deadLetters(TestJobCompletedConsumer.DEAD_LETTERS, "bad-result");
        assertEquals(1, dead.size());
        assertTrue(header(dead.get(0), "dead-letter-reason").startsWith("not a TestJobCompleted"),
                header(dead.get(0), "dead-letter-reason"));
        assertEquals("vm.results.v1", header(dead.get(0), "dead-letter-topic"));
        assertArrayEquals(garbage, dead.get(0).getPayload());

        byte[] progress = TestJobProgressed.newBuilder().setJobId("x/amd64").setAttempt(1).build().toByteArray();
        assertTrue(deliver(TestJobCompletedConsumer.RESULTS, "vm.results.v1", TestJobProgressedConsumer.PROGRESS_TYPE,
                "bad-2", "mistyped-result", progress).settled());
        assertEquals("record's ce_type is ascent.vm.v1.TestJobProgressed, not ascent.vm.v1.TestJobCompleted",
                header(deadLetters(TestJobCompletedConsumer.DEAD_LETTERS, "mistyped-result").get(0),
                        "dead-letter-reason"));

        byte[] unspecified = TestJobCompleted.newBuilder().setJobId("x/amd64").build().toByteArray();
        assertTrue(deliver(TestJobCompletedConsumer.RESULTS, "vm.results.v1", TestJobCompletedConsumer.RESULT_TYPE,
                "bad-3", "statusless-result", unspecified).settled());
        assertEquals(1, deadLetters(TestJobCompletedConsumer.DEAD_LETTERS, "statusless-result").size());

        assertTrue(deliver(TestJobProgressedConsumer.PROGRESS, "vm.progress.v1",
                TestJobProgressedConsumer.PROGRESS_TYPE, "bad-4", "bad-progress", garbage).settled());
        assertEquals(1, deadLetters(TestJobProgressedConsumer.DEAD_LETTERS, "bad-progress").size());

        assertTrue(deliver(WebhookReceivedConsumer.WEBHOOKS, "github.webhooks.v1",
                WebhookReceivedConsumer.PULL_REQUEST_TYPE, "d-bad-json", "d-bad-json", "{not json".getBytes(
                        StandardCharsets.UTF_8)).settled());
        assertTrue(header(deadLetters(WebhookReceivedConsumer.DEAD_LETTERS, "d-bad-json").get(0),
                "dead-letter-reason").contains("cannot be read"));
        assertTrue(deliver(WebhookReceivedConsumer.WEBHOOKS, "github.webhooks.v1", null, "d-no-type",
                "d-no-type", trustedOpened(110).bytes()).settled());
        assertEquals(1, deadLetters(WebhookReceivedConsumer.DEAD_LETTERS, "d-no-type").size());
        assertEquals(List.of(), runsOf(110));
    }

    @Test
    void aWebhookWhoseTrustTheUnreachableLedgerCannotDecideGoesToTheDeadLetterTopic() throws Exception {
        webhook("d-down-111", pr("opened", 111).author(FakeLedger.DOWN, 3001, "User", "NONE")
                .sender(FakeLedger.DOWN, 3001, "User"));
        List<Message<byte[]>> dead = deadLetters(WebhookReceivedConsumer.DEAD_LETTERS, "d-down-111");
        assertEquals(1, dead.size());
        assertTrue(header(dead.get(0), "dead-letter-reason").contains("the ledger could not be reached"),
                header(dead.get(0), "dead-letter-reason"));
        assertEquals(List.of(), runsOf(111));
    }

    @Test
    void aDiffThatCannotBeFetchedMakesTheRunErrorWithNoJob() throws Exception {
        webhook("d-404-112", trustedOpened(112).diffUrl(diffBase + "/missing/112.diff"));
        String runId = PatchRunService.runIdOf("d-404-112");
        PatchRun run = run(runId);
        assertEquals(PatchRunStatus.PATCH_RUN_STATUS_ERROR, run.getStatus());
        assertEquals("the diff could not be fetched: HTTP 404 from 127.0.0.1", run.getDetail());
        assertEquals(0, run.getJobsCount());
        assertTrue(run.hasFinishedAt());
        assertEquals(List.of(), jobsOf(runId));
    }

    @Test
    void anOlderWebhookDeliveredLateChangesNothing() throws Exception {
        PullRequestHook older = trustedOpened(113);
        webhook("d-late-113-sync", pr("synchronize", 113).author("ada", 2001, "User", "MEMBER")
                .sender("ada", 2001, "User").head("sha-113-b"));
        webhook("d-late-113-open", older);
        List<PatchRun> runs = runsOf(113);
        assertEquals(1, runs.size());
        assertEquals("sha-113-b", runs.get(0).getHeadSha());
        assertEquals(PatchRunStatus.PATCH_RUN_STATUS_IN_PROGRESS, runs.get(0).getStatus());
    }

    static RequestRunRequest rerun(long number, String login, long id, boolean admin) {
        return RequestRunRequest.newBuilder()
                .setRequest(RequestPatchRunRequest.newBuilder().setRepository("Python/CPython").setPrNumber(number))
                .setCaller(GithubUser.newBuilder().setId(id).setLogin(login)).setCallerIsAdmin(admin).build();
    }

    @Test
    void aRerunNeedsAnAdminOrATrustedRoleAndCancelsTheRunsInProgress() throws Exception {
        webhook("d-rerun-114", pr("opened", 114).author(FakeLedger.NEWCOMER, FakeLedger.NEWCOMER_ID, "User",
                "NONE").sender(FakeLedger.NEWCOMER, FakeLedger.NEWCOMER_ID, "User"));
        assertEquals(List.of(), runsOf(114), "untrusted: known but not run");

        assertEquals(Status.Code.PERMISSION_DENIED, code(() -> query.requestPatchRun(rerun(114,
                FakeLedger.NEWCOMER, FakeLedger.NEWCOMER_ID, false))));
        assertEquals(Status.Code.PERMISSION_DENIED, code(() -> query.requestPatchRun(rerun(114,
                "stranger", 4242, false))));
        assertEquals(Status.Code.PERMISSION_DENIED, code(() -> query.requestPatchRun(rerun(114,
                FakeLedger.CORE, 999, false))), "the ledger's login under another GitHub id");
        assertEquals(Status.Code.UNAVAILABLE, code(() -> query.requestPatchRun(rerun(114,
                FakeLedger.DOWN, 3001, false))));

        PatchRun byAdmin = query.requestPatchRun(rerun(114, "root", 99, true)).getRun();
        assertEquals("re-run requested by root", byAdmin.getTrigger());
        assertEquals(99, byAdmin.getRequestedBy().getId());
        assertEquals(PatchRunStatus.PATCH_RUN_STATUS_IN_PROGRESS, byAdmin.getStatus());
        assertEquals(3, jobsOf(byAdmin.getRunId()).size());

        RequestRunRequest full = rerun(114, FakeLedger.CONTRIBUTOR, FakeLedger.CONTRIBUTOR_ID, false).toBuilder()
                .setRequest(RequestPatchRunRequest.newBuilder().setRepository(REPO).setPrNumber(114)
                        .setScope(TestScope.TEST_SCOPE_FULL)).build();
        PatchRun byContributor = query.requestPatchRun(full).getRun();
        assertEquals(TestScope.TEST_SCOPE_FULL, byContributor.getScope());
        assertEquals(TestScope.TEST_SCOPE_FULL, parse(jobsOf(byContributor.getRunId()).get(0),
                TestJobRequested::parseFrom).getScope());

        PatchRun superseded = run(byAdmin.getRunId());
        assertEquals(PatchRunStatus.PATCH_RUN_STATUS_CANCELLED, superseded.getStatus());
        assertEquals("cancelled by a re-run requested by contrib", superseded.getDetail());
        assertEquals(List.of(byContributor.getRunId(), byAdmin.getRunId()),
                runsOf(114).stream().map(PatchRun::getRunId).toList());
        assertEquals(1, query.listPullRequestRuns(ListPullRequestRunsRequest.newBuilder().setRepository(REPO)
                .setPrNumber(114).setLimit(1).build()).getRunsCount());

        assertEquals(Status.Code.NOT_FOUND, code(() -> query.requestPatchRun(rerun(99_999, "root", 99, true))));
        assertEquals(Status.Code.FAILED_PRECONDITION, code(() -> query.requestPatchRun(rerun(114, "root", 99, true)
                .toBuilder().setRequest(RequestPatchRunRequest.newBuilder().setRepository("someone/fork")
                        .setPrNumber(114)).build())));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(() -> query.requestPatchRun(rerun(114, "root", 99, true)
                .toBuilder().clearCaller().build())));
    }

    @TestHTTPResource("/q/health/ready")
    URI readiness;

    @Test
    void readinessCoversMongoDbAndTheChannels() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(readiness).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("Reactive Messaging - readiness check"), r.body());
        assertTrue(r.body().contains("MongoDB connection health check"), r.body());
    }

    @Test
    void queriesValidateTheirArguments() {
        assertEquals(Status.Code.INVALID_ARGUMENT, code(() -> query.listPullRequestRuns(
                ListPullRequestRunsRequest.newBuilder().setRepository("cpython").setPrNumber(1).build())));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(() -> query.listPullRequestRuns(
                ListPullRequestRunsRequest.newBuilder().setRepository(REPO).setPrNumber(0).build())));
        StatusRuntimeException limit = assertThrows(StatusRuntimeException.class, () -> query.listPullRequestRuns(
                ListPullRequestRunsRequest.newBuilder().setRepository(REPO).setPrNumber(1).setLimit(101).build()));
        assertEquals("limit must be between 0 and 100, not 101", limit.getStatus().getDescription());
        assertEquals(List.of(), runsOf(88_888), "a pull request never seen has no runs");
        assertEquals(Status.Code.NOT_FOUND, code(() -> run("no-such-run")));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(() -> run(" ")));
    }

    @Test
    void aClaimIsACompareAndSetOnTheAttemptsItRead() throws Exception {
        webhook("d-cas-117", trustedOpened(117));
        String jobId = PatchRunService.runIdOf("d-cas-117") + "/arm64";
        Instant now = Instant.now();
        assertEquals(1, store.claim(jobId, 0, "first", now).orElseThrow().attempts());
        assertTrue(store.claim(jobId, 0, "second", now).isEmpty(), "a claim that read 0 attempts loses");
        assertEquals("first", store.job(jobId).orElseThrow().worker());
        assertEquals(2, store.claim(jobId, 1, "second", now).orElseThrow().attempts());
    }

    @Test
    void theOutboxPublishesStoredJobsKafkaNeverAcknowledged() {
        Instant at = Instant.now();
        PullRequest pr = new PullRequest(REPO, 115, "sha-115", "3.11", diffBase + "/x", "https://github.com/x",
                new Person(2001, "ada"), false, "MEMBER", true, at);
        Job job = Job.queued("outbox-115", "arm64", 0, false, at);
        Run stored = new Run("outbox-115", pr, pr.author(), "test", "", at, null, RunStatus.IN_PROGRESS, "", false,
                Scope.SELECTED, 3, "", List.of(job));
        store.insertJobs(List.of(job), Map.of(job.jobId(), "job".getBytes(StandardCharsets.UTF_8)));
        Job orphan = Job.queued("outbox-115-orphan", "arm64", 0, false, at);
        store.insertJobs(List.of(orphan), Map.of(orphan.jobId(), "orphan".getBytes(StandardCharsets.UTF_8)));
        store.insertRun(stored);

        jobPublisher.publishUnpublished(Instant.now());
        List<Message<byte[]>> sent = jobsOf("outbox-115");
        assertEquals(1, sent.size(), "the job of the stored run, not the one whose run was never stored");
        assertEquals("vm.jobs.arm64", sent.get(0).getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow()
                .getTopic());
        assertTrue(store.unpublishedOf("outbox-115").isEmpty());
        assertEquals(1, store.unpublishedOf("outbox-115-orphan").size());
        jobPublisher.publishUnpublished(Instant.now());
        assertEquals(1, jobsOf("outbox-115").size(), "published once");
    }
}
