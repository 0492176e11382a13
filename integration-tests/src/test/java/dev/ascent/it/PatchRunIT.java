package dev.ascent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.sun.net.httpserver.HttpServer;
import dev.ascent.devstack.AscentSystem;
import dev.ascent.devstack.Infra;
import dev.ascent.devstack.Locations;
import dev.ascent.devstack.TopicReader;
import dev.ascent.gateway.webhook.WebhookSignature;
import dev.ascent.proto.api.v1.ContributorServiceGrpc;
import dev.ascent.proto.api.v1.LedgerEntry;
import dev.ascent.proto.api.v1.ListLedgerRequest;
import dev.ascent.proto.api.v1.ListPullRequestRunsRequest;
import dev.ascent.proto.api.v1.PatchJob;
import dev.ascent.proto.api.v1.PatchJobState;
import dev.ascent.proto.api.v1.PatchRun;
import dev.ascent.proto.api.v1.PatchRunServiceGrpc;
import dev.ascent.proto.api.v1.PatchRunStatus;
import dev.ascent.proto.Times;
import dev.ascent.proto.vm.v1.JobStatus;
import dev.ascent.proto.vm.v1.TestJobCompleted;
import dev.ascent.proto.vm.v1.TestOutcome;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A patch run through the whole system, on real processes and a real Kafka broker: a pull request opened by a
 * trusted author is posted to the gateway; patch-runner fetches its diff (from a server the test runs in GitHub's
 * place) and queues one job per architecture; real workers run them in their sandboxes on a real CPython 3.11:
 * natively on amd64, cross-built and under qemu-user on arm64 and riscv64. The amd64 worker is killed mid-job and
 * started again: its job runs again as attempt 2 and completes once, each job's one result reaches patch-runner and
 * the public API, and the author's ledger gains patch.passed for each architecture.
 */
class PatchRunIT {

    static final String SECRET = "patch-run-secret";
    static final WebhookSignature SIGNER = new WebhookSignature(SECRET);
    static final String REPO = "python/cpython";
    static final long PR = 4242;
    static final long AUTHOR_ID = 7_000_001;
    static final String AUTHOR = "patch-author";
    /** patch-runner's default architectures (the ruleset's), riscv64 informational; a local worker each. */
    static final List<String> ARCHS = List.of("amd64", "arm64", "riscv64");

    static HttpServer diffs;
    static AscentSystem system;
    static ManagedChannel channel;
    static PatchRunServiceGrpc.PatchRunServiceBlockingStub runs;
    static ContributorServiceGrpc.ContributorServiceBlockingStub contributors;

    @BeforeAll
    static void startSystem() throws IOException {
        Path patch = Locations.home().resolve("vm-worker/src/test/resources/patches/fix-with-test.patch");
        byte[] diff = Files.readAllBytes(patch);
        diffs = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        diffs.createContext("/" + REPO + "/pull/" + PR + ".diff", exchange -> {
            exchange.sendResponseHeaders(200, diff.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(diff);
            }
        });
        diffs.start();

        Path data = Files.createTempDirectory("ascent-patch-run-it");
        system = AscentSystem.start(data, Infra.Ports.free(), AscentSystem.ServicePorts.free(), SECRET,
                new AscentSystem.Options(ARCHS, Map.of("patch-runner", Map.of(
                        "PATCH_RUNNER_DIFF_HOSTS", "127.0.0.1"))));
        if (!system.workersNotStarted().isEmpty()) {
            String missing = system.workersNotStarted().toString();
            if ("required".equals(System.getenv("ASCENT_VM_TESTS"))) {
                throw new AssertionError("ASCENT_VM_TESTS=required, but workers did not start: " + missing);
            }
            Assumptions.abort("workers did not start: " + missing);
        }
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", system.ports().gatewayGrpc()).usePlaintext().build();
        runs = PatchRunServiceGrpc.newBlockingStub(channel);
        contributors = ContributorServiceGrpc.newBlockingStub(channel);
    }

    @AfterAll
    static void stopSystem() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (system != null) {
            system.close();
        }
        if (diffs != null) {
            diffs.stop(0);
        }
    }

    @Test
    void aRunOnEveryArchitectureWithAWorkerKilledMidJobCompletesEachJobOnce() throws Exception {
        byte[] body = WebhookExamples.JSON.writeValueAsBytes(pullRequestOpened());
        assertEquals(202, Polling.postWebhook(system.gatewayUrl(), "pull_request", UUID.randomUUID().toString(), body,
                SIGNER.sign(body)).statusCode());

        PatchJob running = awaitJob("the amd64 job running on the worker", "amd64",
                j -> j.getState() == PatchJobState.PATCH_JOB_STATE_RUNNING, Duration.ofMinutes(3));
        assertEquals(1, running.getAttempts());
        system.killService("worker-amd64");
        system.startService("worker-amd64");

        // the verdict waits for amd64 and arm64; riscv64 is informational, so its job is awaited on its own
        AtomicReference<PatchRun> done = new AtomicReference<>();
        Polling.await("the run and every job to finish", Duration.ofMinutes(10), () -> {
            Optional<PatchRun> r = latestRun();
            r.ifPresent(done::set);
            return r.isPresent() && r.get().getStatus() != PatchRunStatus.PATCH_RUN_STATUS_IN_PROGRESS
                    && r.get().getJobsList().stream().allMatch(j -> j.getState() == PatchJobState.PATCH_JOB_STATE_FINISHED)
                    ? null : r.map(PatchRun::toString).orElse("no run");
        });
        PatchRun run = done.get();
        assertEquals(PatchRunStatus.PATCH_RUN_STATUS_PASSED, run.getStatus(), run.toString());
        assertEquals(ARCHS, run.getJobsList().stream().map(PatchJob::getArch).toList());
        for (PatchJob job : run.getJobsList()) {
            String arch = job.getArch();
            TestJobCompleted result = job.getResult();
            assertEquals(JobStatus.JOB_STATUS_PASSED, result.getStatus(), arch + ": " + result.getDetail());
            assertEquals(!arch.equals("amd64"), result.getEmulated(), arch + " runs under qemu-user");
            assertEquals(arch.equals("riscv64"), job.getInformational(), arch);
            int attempts = arch.equals("amd64") ? 2 : 1;
            assertEquals(attempts, job.getAttempts(), arch + ": the killed attempt and the one that finished");
            assertEquals(attempts, result.getAttempt(), arch);
            assertTrue(result.getModulesList().stream().anyMatch(m -> m.getName().equals("test_urlparse")
                    && m.getOutcome() == TestOutcome.TEST_OUTCOME_PASSED), arch + ": " + result.getModulesList());
            assertEquals(1, results(job.getJobId()).size(),
                    arch + ": one result on vm.results.v1 (the killed attempt published none)");
            System.out.printf("%s job: attempt %d, prepare %d ms, build %d ms, tests %d ms%n", arch,
                    result.getAttempt(), Times.toDuration(result.getPrepareDuration()).toMillis(),
                    Times.toDuration(result.getBuildDuration()).toMillis(),
                    Times.toDuration(result.getTestDuration()).toMillis());
        }

        Polling.await("patch.passed in the author's ledger, once per architecture", Duration.ofSeconds(60), () -> {
            try {
                List<LedgerEntry> lines = contributors.withDeadlineAfter(10, TimeUnit.SECONDS).listLedger(
                        ListLedgerRequest.newBuilder().setLogin(AUTHOR).setPageSize(50).build()).getEntriesList();
                for (String arch : ARCHS) {
                    String id = "patch.passed:" + REPO + "#" + PR + ":" + AUTHOR_ID + ":" + arch;
                    if (lines.stream().noneMatch(l -> l.getEventId().equals(id) && l.getPoints() > 0)) {
                        return "no " + id + " in " + lines;
                    }
                }
                return null;
            } catch (StatusRuntimeException e) {
                return e.getStatus().toString();
            }
        });
    }

    /** A real pull_request "opened" payload, as a trusted member's PR against 3.11 whose diff the test serves. */
    static ObjectNode pullRequestOpened() {
        ObjectNode hook = WebhookExamples.load().first("pull_request", "opened", e -> true).deepCopy();
        hook.withObject("/repository").put("full_name", REPO).put("name", "cpython")
                .withObject("/owner").put("login", "python");
        ObjectNode pr = hook.withObject("/pull_request");
        pr.put("number", PR).put("state", "open").put("author_association", "MEMBER")
                .put("html_url", "https://github.com/" + REPO + "/pull/" + PR)
                .put("diff_url", "http://127.0.0.1:" + diffs.getAddress().getPort() + "/" + REPO + "/pull/" + PR
                        + ".diff");
        pr.withObject("/user").put("id", AUTHOR_ID).put("login", AUTHOR).put("type", "User");
        pr.withObject("/head").put("sha", "0123456789abcdef0123456789abcdef01234567");
        pr.withObject("/base").put("ref", "3.11");
        hook.put("number", PR);
        hook.withObject("/sender").put("id", AUTHOR_ID).put("login", AUTHOR).put("type", "User");
        return hook;
    }

    static Optional<PatchRun> latestRun() {
        try {
            List<PatchRun> list = runs.withDeadlineAfter(10, TimeUnit.SECONDS).listPullRequestRuns(
                    ListPullRequestRunsRequest.newBuilder().setRepository(REPO).setPrNumber(PR).build()).getRunsList();
            return list.stream().findFirst();
        } catch (StatusRuntimeException e) {
            return Optional.empty();
        }
    }

    static PatchJob awaitJob(String what, String arch, java.util.function.Predicate<PatchJob> condition,
            Duration deadline) {
        AtomicReference<PatchJob> found = new AtomicReference<>();
        Polling.await(what, deadline, () -> {
            Optional<PatchRun> r = latestRun();
            Optional<PatchJob> job = r.flatMap(run -> run.getJobsList().stream()
                    .filter(j -> j.getArch().equals(arch)).findFirst());
            if (job.isPresent() && condition.test(job.get())) {
                found.set(job.get());
                return null;
            }
            return r.map(PatchRun::toString).orElse("no run yet");
        });
        return found.get();
    }

    /** Every result published for the job, read from vm.results.v1 from the start. */
    static List<TestJobCompleted> results(String jobId) throws InvalidProtocolBufferException {
        List<TestJobCompleted> out = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : TopicReader.readAll(system.infra().kafkaBootstrapServers(),
                "vm.results.v1", Duration.ofSeconds(30))) {
            TestJobCompleted t = TestJobCompleted.parseFrom(r.value());
            if (t.getJobId().equals(jobId)) {
                out.add(t);
            }
        }
        return out;
    }
}
