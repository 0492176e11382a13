package dev.ascent.it.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.ascent.devstack.AscentSystem;
import dev.ascent.devstack.Await;
import dev.ascent.devstack.Infra;
import dev.ascent.devstack.Locations;
import dev.ascent.devstack.ManagedProcess;
import dev.ascent.gateway.webhook.WebhookSignature;
import dev.ascent.proto.Times;
import dev.ascent.proto.api.v1.ListPullRequestRunsRequest;
import dev.ascent.proto.api.v1.PatchJob;
import dev.ascent.proto.api.v1.PatchJobState;
import dev.ascent.proto.api.v1.PatchRun;
import dev.ascent.proto.api.v1.PatchRunServiceGrpc;
import dev.ascent.proto.api.v1.PatchRunStatus;
import dev.ascent.proto.vm.v1.JobStatus;
import dev.ascent.proto.vm.v1.TestJobCompleted;
import dev.ascent.proto.vm.v1.TestJobProgressed;
import dev.ascent.proto.vm.v1.TestModuleResult;
import dev.ascent.vmworker.Arch;
import dev.ascent.vmworker.regrtest.ModuleResult;
import dev.ascent.vmworker.regrtest.RegrtestLog;
import dev.ascent.vmworker.sandbox.Limits;
import dev.ascent.vmworker.sandbox.Sandbox;
import dev.ascent.vmworker.sandbox.SandboxCommand;
import dev.ascent.vmworker.service.BaselineStore;
import dev.ascent.vmworker.service.Commands;
import dev.ascent.vmworker.service.Regrtest;
import dev.ascent.vmworker.service.TreeCopy;
import dev.ascent.vmworker.service.WorkerPrerequisites;
import dev.ascent.vmworker.service.WorkerSettings;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Patch runs end to end on this machine, against doing the same by hand. The whole system from devstack
 * ({@link AscentSystem}) with a local worker per architecture on the warm baselines they keep; signed
 * {@code pull_request} webhooks of a trusted author posted to the gateway, their diffs served from loopback in GitHub's
 * place; each job's time from the POST to its result on the public {@code PatchRunService}, with the worker's own
 * split. Cases: a {@code Lib/}-only upstream fix ({@code fix-with-test.patch}) twice (opened, then a push), and two
 * one-line C changes the benchmark derives from the CPython source. Then, with the system stopped and in the same
 * sandbox ({@link Sandbox}, vm-worker's own classes): the bare {@code python -m test} of the Lib-only job's modules on
 * a copy of the warm baseline tree, and per C case a cold {@code ./configure && make} of the pristine source plus the
 * C job's tests. Run by {@code integration-tests/bench patch-runs} (README "Benchmarks"); not a test, so never part of
 * {@code ./mvnw verify}.
 */
public final class PatchRunBenchmark {

    private static final String SECRET = "bench-patch-runs-webhook-secret";
    private static final String REPO = "python/cpython";
    private static final long AUTHOR_ID = 7_100_001;
    private static final String AUTHOR = "bench-patch-author";
    private static final String BASE = Locations.CPYTHON_BASE;
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(30);
    private static final Duration CALL_DEADLINE = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A job's limits and regrtest's per-test timeout: the worker's defaults (vm-worker/README.md). */
    private static final Limits JOB_LIMITS = new Limits(4L << 30, 1024, Duration.ofMinutes(30));
    private static final Duration TEST_TIMEOUT = Duration.ofMinutes(10);
    /** The file the warm-up run changes one line of: it selects no test module, so only the smoke set runs. */
    private static final String WARM_UP_FILE = "README.rst";
    private static final String USAGE = """
            Usage: integration-tests/bench patch-runs [options]
              --archs=LIST      the local workers' architectures, comma-separated (default amd64,arm64); each run
                                queues one job per architecture (PATCH_RUNNER_ARCHITECTURES is set to the same list)
              --skip-cold       leave out the cold comparison: a fresh ./configure && make of the pristine source
                                and the C job's tests, per C case (minutes each)
              --max-minutes=N   give up after N minutes in all, the wait for the baselines included (default 120)
              --keep-data       keep the run's data directory (Kafka log, MongoDB file, the services' logs, the
                                comparisons' logs)
            Needs root (the workers and the comparisons run CPython in the bubblewrap sandbox), the project built
            (./mvnw -DskipTests install), the CPython source vm-worker/prepare-host fetches, and for arm64
            vm-worker/cross-host arm64. The warm baselines are those of the local workers in ASCENT_VM_WORKER_DIR
            (default .cache/vm-worker), built once (amd64 about 1.5 min, arm64 about 6 min) and reused; the workers
            get copies of the built ones without the test results kept beside them, so that each selection's first
            job runs its modules on the baseline too, whatever ran before. A baseline not built yet is built there
            by its worker (and kept).
            """;

    private PatchRunBenchmark() {
    }

    record Options(List<String> archs, boolean skipCold, Duration max, boolean keepData) {
    }

    /** One pull request event: a case of the benchmark. */
    record Case(String key, String label, long pr, String action, String headSha, String beforeSha, byte[] diff) {
    }

    /**
     * One job as measured: its final state (null when it never finished), the time from the webhook's POST to its
     * result on the public API, the modules the job ran on the baseline first (not known before), and why it is not
     * a pass.
     */
    record Measured(Case c, String arch, PatchJob job, Instant posted, double toResultSeconds,
            List<String> baselineRan, String failure) {

        boolean passed() {
            return failure == null && job != null && job.getResult().getStatus() == JobStatus.JOB_STATUS_PASSED;
        }
    }

    /** A comparison run by hand: its steps (name, seconds, whether counted), whether it passed, and what failed. */
    record Comparison(String label, Map<String, Double> steps, Set<String> counted, boolean ok, String detail) {

        double seconds() {
            return steps.entrySet().stream().filter(e -> counted.contains(e.getKey()))
                    .mapToDouble(Map.Entry::getValue).sum();
        }
    }

    /** A one-line change of a C file: its path, its line number and the line before and after. */
    record Change(String path, int line, String before, String after, byte[] diff) {
    }

    public static void main(String[] args) throws Exception {
        Options options = parse(args);
        if (options == null) {
            System.out.print(USAGE);
            return;
        }
        if (!root()) {
            System.err.println("integration-tests/bench patch-runs needs root: the local workers and the comparisons "
                    + "run CPython in the bubblewrap sandbox (namespaces without user namespaces, cgroups, setpriv). "
                    + "Run it as root, e.g. sudo -E integration-tests/bench patch-runs.");
            System.exit(2);
        }
        FreshInfrastructure.require("");
        System.exit(run(options));
    }

    /** The whole run; returns the exit status: 0, 1 when a job or a comparison did not pass, 2 when it cannot run. */
    static int run(Options o) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + o.max().toNanos();
        Optional<Path> source = cpythonSource();
        if (source.isEmpty() || !Files.exists(source.get())) {
            System.err.println("No CPython " + BASE + " source" + source.map(p -> " at " + p).orElse("")
                    + ": run vm-worker/prepare-host as root, or set ASCENT_CPYTHON_SOURCE.");
            return 2;
        }
        List<String> missing = WorkerPrerequisites.missing(settings(source.get(), Arch.host(),
                Locations.vmWorkerDir()), true);
        if (!missing.isEmpty()) {
            System.err.println("This machine cannot run the sandbox: " + String.join("; ", missing));
            return 2;
        }
        String loadAtStart = loadAverage();
        Path data = Files.createTempDirectory("ascent-bench-patch-runs-");
        try {
            return measure(o, source.get(), data, loadAtStart, deadline);
        } finally {
            // the copies of the baselines and the jobs' trees are hundreds of MB each: never kept
            for (String arch : AscentSystem.WORKER_ARCHS) {
                removeTree(data.resolve("worker/baselines").resolve(BASE + "-" + arch).resolve("tree"));
            }
            removeTree(data.resolve("worker/jobs"));
            if (o.keepData()) {
                log("the run's data is in %s", data);
            } else {
                deleteTree(data);
            }
        }
    }

    /** The run in its data directory: the jobs through the system, then the comparisons, then the table. */
    private static int measure(Options o, Path source, Path data, String loadAtStart, long deadline)
            throws IOException, InterruptedException {
        Map<String, Path> dirs = freshBaselines(source, o.archs(), data.resolve("worker"));
        WorkerSettings host = settings(source, Arch.host(), dirs.getOrDefault(Arch.host().id(),
                Locations.vmWorkerDir()));
        System.out.println(header(o, source, host, dirs, loadAtStart));
        Path fixPatch = Locations.home().resolve("vm-worker/src/test/resources/patches/fix-with-test.patch");
        byte[] libDiff = Files.readAllBytes(fixPatch);
        Change readme = oneLineChange(source, WARM_UP_FILE, "This is Python version",
                "This is the benchmark's warm-up of Python version", data.resolve("changes/readme"));
        Change json = oneLineChange(source, "Modules/_json.c", "\"idx cannot be negative\"",
                "\"idx must not be negative\"", data.resolve("changes/json"));
        Change list = oneLineChange(source, "Objects/listobject.c", "\"list modified during sort\"",
                "\"list was modified during sort\"", data.resolve("changes/list"));
        for (Change c : List.of(readme, json, list)) {
            log("one-line change of %s, line %d: %s -> %s (%d-byte diff)", c.path(), c.line(), c.before().strip(),
                    c.after().strip(), c.diff().length);
        }
        String sha1 = sha("lib-first");
        String listSha = sha("c-list");
        List<Case> cases = List.of(
                new Case("warm-up", "warm-up, " + WARM_UP_FILE, 91_000, "opened", sha("warm-up"), null,
                        readme.diff()),
                new Case("lib-first", "Lib/ only, first", 91_001, "opened", sha1, null, libDiff),
                new Case("lib-warm", "Lib/ only, warm", 91_001, "synchronize", sha("lib-warm"), sha1, libDiff),
                new Case("c-json", "C line, Modules/_json.c", 91_002, "opened", sha("c-json"), null, json.diff()),
                new Case("c-list", "C line, Objects/listobject.c, first", 91_003, "opened", listSha, null,
                        list.diff()),
                // pushed again: the core set's baseline results are known now, as they are on a worker in service
                new Case("c-list-warm", "C line, Objects/listobject.c, warm", 91_003, "synchronize",
                        sha("c-list-warm"), listSha, list.diff()));

        HttpServer diffs = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        Map<String, byte[]> served = new ConcurrentHashMap<>();
        diffs.createContext("/", exchange -> {
            byte[] body = served.get(exchange.getRequestURI().getPath());
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        diffs.start();

        List<Measured> measured = new ArrayList<>();
        Map<String, String> notStarted = new LinkedHashMap<>();
        String loadAfterJobs;
        try {
            AscentSystem.ServicePorts ports = AscentSystem.ServicePorts.free();
            log("starting Kafka, the MongoDB stand-in, the services and the workers %s in %s", o.archs(), data);
            Map<String, Map<String, String>> env = new LinkedHashMap<>();
            env.put("patch-runner", Map.of("PATCH_RUNNER_ARCHITECTURES", String.join(",", o.archs()),
                    "PATCH_RUNNER_DIFF_HOSTS", "127.0.0.1",
                    // riscv64 is informational by default; alone, it must decide its runs
                    "PATCH_RUNNER_INFORMATIONAL", o.archs().equals(List.of("riscv64")) ? "" : "riscv64"));
            dirs.forEach((arch, dir) -> env.put("worker-" + arch, Map.of("ASCENT_WORKER_DIR", dir.toString())));
            AscentSystem started;
            try {
                started = AscentSystem.start(data, Infra.Ports.free(), ports, SECRET,
                        new AscentSystem.Options(o.archs(), env));
            } catch (IllegalStateException e) {
                System.out.println("FAILED: the system did not start (logs in " + data.resolve("logs")
                        + (o.keepData() ? "" : "; --keep-data keeps them") + "): " + e.getMessage());
                return 1;
            }
            try (AscentSystem system = started) {
                notStarted.putAll(system.workersNotStarted());
                notStarted.forEach((worker, why) -> System.out.println(worker + " did not start: " + why));
                List<String> archs = new ArrayList<>(o.archs().stream()
                        .filter(a -> !notStarted.containsKey("worker-" + a)).toList());
                awaitBaselines(system, archs, deadline).forEach((arch, why) -> {
                    System.out.println("worker-" + arch + " has no baseline to run jobs on: " + why);
                    notStarted.put("worker-" + arch, why);
                    archs.remove(arch);
                });
                if (archs.isEmpty()) {
                    System.out.println("FAILED: no worker can run jobs, nothing to measure.");
                    return 1;
                }
                ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", ports.gatewayGrpc())
                        .usePlaintext().build();
                try {
                    var api = PatchRunServiceGrpc.newBlockingStub(channel);
                    for (Case c : cases) {
                        served.put(diffPath(c.pr()), c.diff());
                        List<Measured> m = runCase(system, api, c, archs, dirs, diffs.getAddress().getPort(),
                                deadline);
                        measured.addAll(m);
                        if (m.stream().anyMatch(j -> j.job() == null)) {
                            log("%s: a job did not finish; the remaining cases are left out", c.label());
                            break;
                        }
                    }
                } finally {
                    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
                }
                log("stopping the system before the comparisons");
            }
            loadAfterJobs = loadAverage();

            Map<String, Comparison> comparisons = compare(o, host, cases, measured, data.resolve("compare"),
                    deadline);
            String loadAtEnd = loadAverage();

            System.out.println();
            System.out.println(table(cases, measured, comparisons, host.arch().id()));
            System.out.println();
            comparisons.values().stream().distinct().forEach(c -> System.out.println(describe(c)));
            System.out.printf(Locale.ROOT, "Machine: %d CPUs (%s); load average (1, 5, 15 min) at the start %s, after "
                    + "the jobs %s, at the end %s. make and regrtest -j%d.%n",
                    Runtime.getRuntime().availableProcessors(), cpuModel(), loadAtStart, loadAfterJobs, loadAtEnd,
                    host.parallelism());

            List<String> failures = new ArrayList<>();
            for (Measured m : measured) {
                if (!m.passed()) {
                    failures.add(m.c().label() + " on " + m.arch() + ": " + (m.failure() != null ? m.failure()
                            : status(m.job().getResult()) + " — " + m.job().getResult().getDetail()));
                }
            }
            for (Case c : cases) {
                if (measured.stream().noneMatch(m -> m.c() == c)) {
                    failures.add(c.label() + ": not run");
                }
            }
            comparisons.values().stream().distinct().filter(c -> !c.ok()).forEach(c -> failures.add(c.label()
                    + ": " + c.detail()));
            if (!notStarted.isEmpty()) {
                System.out.println("Not measured: " + notStarted.entrySet().stream().map(e -> e.getKey() + " ("
                        + firstLine(e.getValue()) + ")").collect(Collectors.joining("; ")) + ".");
            }
            if (!failures.isEmpty()) {
                System.out.println();
                System.out.println("FAILED — " + failures.size() + " problem(s):");
                failures.forEach(f -> System.out.println("  " + f));
                return 1;
            }
            return 0;
        } finally {
            diffs.stop(0);
        }
    }

    // --- the system's side ------------------------------------------------------------------------------------------

    /**
     * Waits until each worker's health says its baseline is ready; returns the architectures whose worker cannot run
     * jobs, with the reason (its baseline failed, it exited, or the deadline passed).
     */
    static Map<String, String> awaitBaselines(AscentSystem system, List<String> archs, long deadline) {
        Map<String, String> failed = new LinkedHashMap<>();
        Map<String, String> state = new LinkedHashMap<>();
        archs.forEach(a -> state.put(a, "not asked yet"));
        Set<String> ready = new HashSet<>();
        long start = System.nanoTime();
        long nextReport = start;
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            while (ready.size() + failed.size() < archs.size()) {
                for (String arch : archs) {
                    if (ready.contains(arch) || failed.containsKey(arch)) {
                        continue;
                    }
                    ManagedProcess worker = system.process("worker-" + arch);
                    if (!worker.isAlive()) {
                        failed.put(arch, "the worker exited; its log ends with:\n" + worker.logTail());
                        continue;
                    }
                    String s = baselineState(http, system.workerHttpPort(arch).orElseThrow());
                    state.put(arch, s);
                    if (s.equals("ready")) {
                        ready.add(arch);
                        log("worker-%s: baseline %s ready (%.0f s after the system started)", arch, BASE,
                                seconds(System.nanoTime() - start));
                    } else if (s.startsWith("failed")) {
                        failed.put(arch, "baseline " + BASE + " " + s);
                    }
                }
                long now = System.nanoTime();
                if (now - deadline > 0) {
                    archs.stream().filter(a -> !ready.contains(a) && !failed.containsKey(a)).forEach(a -> failed.put(a,
                            "baseline " + BASE + " not ready within --max-minutes (last: " + state.get(a) + ")"));
                    break;
                }
                if (now - nextReport >= 0 && ready.size() + failed.size() < archs.size()) {
                    log("waiting for the warm baselines: %s; %.0f s", state.entrySet().stream()
                            .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")),
                            seconds(now - start));
                    nextReport = now + PROGRESS_EVERY.toNanos();
                }
                if (ready.size() + failed.size() < archs.size()) {
                    Await.pause(); // the polling interval of a condition with a deadline
                }
            }
        }
        return failed;
    }

    /** The baseline's state in a worker's health ("building", "ready", "failed: …"), or what stands in the way. */
    static String baselineState(HttpClient http, int port) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/q/health/ready")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            for (JsonNode check : JSON.readTree(r.body()).path("checks")) {
                JsonNode baseline = check.path("data").path("baseline " + BASE);
                if (baseline.isTextual()) {
                    return baseline.asText();
                }
            }
            return "no baseline " + BASE + " in its health (HTTP " + r.statusCode() + ")";
        } catch (IOException e) {
            return "health not answering (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Posts the case's webhook and waits until each architecture's job has its result on the public API; the time to
     * result of a job is from just before the POST to the first answer that shows its result.
     */
    static List<Measured> runCase(AscentSystem system, PatchRunServiceGrpc.PatchRunServiceBlockingStub api, Case c,
            List<String> archs, Map<String, Path> dirs, int diffPort, long deadline) throws IOException,
            InterruptedException {
        Map<String, Set<String>> knownBefore = new LinkedHashMap<>();
        for (String arch : archs) {
            knownBefore.put(arch, baselineModules(dirs, arch));
        }
        byte[] body = JSON.writeValueAsBytes(payload(c, diffPort));
        log("%s: posting pull_request %s of #%d (head %s, %d-byte diff)", c.label(), c.action(), c.pr(),
                c.headSha().substring(0, 12), c.diff().length);
        Instant posted = Instant.now();
        long t0 = System.nanoTime();
        HttpResponse<String> answer = postWebhook(system.gatewayUrl(), body);
        List<Measured> out = new ArrayList<>();
        if (answer.statusCode() != 202) {
            for (String arch : archs) {
                out.add(new Measured(c, arch, null, posted, -1, List.of(), "the gateway answered "
                        + answer.statusCode() + " " + answer.body()));
            }
            return out;
        }
        Map<String, PatchJob> done = new LinkedHashMap<>();
        Map<String, Double> at = new LinkedHashMap<>();
        PatchRun last = null;
        String lastError = "no answer yet";
        String failure = null;
        long nextReport = t0 + PROGRESS_EVERY.toNanos();
        while (done.size() < archs.size()) {
            Optional<PatchRun> run;
            try {
                run = api.withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS).listPullRequestRuns(
                        ListPullRequestRunsRequest.newBuilder().setRepository(REPO).setPrNumber(c.pr()).build())
                        .getRunsList().stream().filter(r -> r.getHeadSha().equals(c.headSha())).findFirst();
            } catch (StatusRuntimeException e) {
                run = Optional.empty();
                lastError = e.getStatus().toString();
            }
            long now = System.nanoTime();
            if (run.isPresent()) {
                last = run.get();
                for (PatchJob job : last.getJobsList()) {
                    if (archs.contains(job.getArch()) && !done.containsKey(job.getArch())
                            && job.getState() == PatchJobState.PATCH_JOB_STATE_FINISHED && job.hasResult()) {
                        done.put(job.getArch(), job);
                        at.put(job.getArch(), seconds(now - t0));
                        TestJobCompleted r = job.getResult();
                        log("%s on %s: %s after %.1f s (worker: prepare %.1f, build %.1f, test %.1f s; %d modules)",
                                c.label(), job.getArch(), status(r), seconds(now - t0), seconds(r.getPrepareDuration()),
                                seconds(r.getBuildDuration()), seconds(r.getTestDuration()), r.getModulesCount());
                    }
                }
                if (last.getStatus() == PatchRunStatus.PATCH_RUN_STATUS_ERROR
                        || last.getStatus() == PatchRunStatus.PATCH_RUN_STATUS_CANCELLED) {
                    failure = "the run ended " + last.getStatus() + ": " + last.getDetail();
                }
            }
            for (String arch : archs) {
                ManagedProcess worker = system.process("worker-" + arch);
                if (!done.containsKey(arch) && !worker.isAlive()) {
                    failure = "worker-" + arch + " exited; its log ends with:\n" + worker.logTail();
                }
            }
            if (failure == null && done.size() < archs.size() && now - deadline > 0) {
                failure = "no result within --max-minutes; the run: " + (last == null ? lastError : jobs(last));
            }
            if (failure != null) {
                break;
            }
            if (now - nextReport >= 0 && done.size() < archs.size()) {
                log("%s: %s; %.0f s", c.label(), last == null ? "no run yet (" + lastError + ")" : jobs(last),
                        seconds(now - t0));
                nextReport = now + PROGRESS_EVERY.toNanos();
            }
            if (done.size() < archs.size()) {
                Await.pause(); // the polling interval of a condition with a deadline
            }
        }
        for (String arch : archs) {
            List<String> ran = new ArrayList<>(baselineModules(dirs, arch));
            ran.removeAll(knownBefore.get(arch));
            PatchJob job = done.get(arch);
            out.add(new Measured(c, arch, job, posted, at.getOrDefault(arch, -1.0), ran,
                    job == null ? (failure == null ? "no result" : failure) : null));
        }
        return out;
    }

    /** The jobs of a run in a few words: "amd64 testing 2/3 (test_sys), arm64 queued". */
    static String jobs(PatchRun run) {
        return run.getJobsList().stream().map(j -> {
            if (j.getState() == PatchJobState.PATCH_JOB_STATE_FINISHED) {
                return j.getArch() + " " + status(j.getResult());
            }
            if (j.getState() != PatchJobState.PATCH_JOB_STATE_RUNNING || !j.hasProgress()) {
                return j.getArch() + " " + j.getState().name().replace("PATCH_JOB_STATE_", "").toLowerCase(Locale.ROOT);
            }
            TestJobProgressed p = j.getProgress();
            String stage = p.getStage().name().replace("JOB_STAGE_", "").toLowerCase(Locale.ROOT);
            return j.getArch() + " " + stage + (p.getTestsTotal() > 0 ? " " + p.getTestsDone() + "/" + p.getTestsTotal()
                    + (p.getLastTest().isEmpty() ? "" : " (" + p.getLastTest() + ")") : "");
        }).collect(Collectors.joining(", "));
    }

    /** The modules the worker's baseline of {@code arch} has results of (its results.tsv). */
    static Set<String> baselineModules(Map<String, Path> dirs, String arch) throws IOException {
        Path results = baselineDir(dirs.getOrDefault(arch, Locations.vmWorkerDir()), arch).resolve("results.tsv");
        Set<String> modules = new TreeSet<>();
        if (Files.exists(results)) {
            for (String line : Files.readAllLines(results, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    modules.add(line.split("\t", 2)[0]);
                }
            }
        }
        return modules;
    }

    /** A pull_request webhook of a trusted member's pull request against the base, with its diff on loopback. */
    static ObjectNode payload(Case c, int diffPort) {
        String now = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        ObjectNode hook = JSON.createObjectNode();
        hook.put("action", c.action()).put("number", c.pr());
        if (c.beforeSha() != null) {
            hook.put("before", c.beforeSha()).put("after", c.headSha());
        }
        ObjectNode pr = hook.putObject("pull_request");
        pr.put("number", c.pr()).put("state", "open").put("draft", false).put("merged", false)
                .put("title", "Benchmark: " + c.label()).put("body", "")
                .put("author_association", "MEMBER")
                .put("html_url", "https://github.com/" + REPO + "/pull/" + c.pr())
                .put("diff_url", "http://127.0.0.1:" + diffPort + diffPath(c.pr()))
                .put("created_at", now).put("updated_at", now);
        user(pr.putObject("user"));
        pr.putObject("head").put("sha", c.headSha()).put("ref", "bench-" + c.key());
        pr.putObject("base").put("ref", BASE);
        ObjectNode repo = hook.putObject("repository");
        repo.put("id", 81_598_961).put("name", "cpython").put("full_name", REPO)
                .put("html_url", "https://github.com/" + REPO);
        repo.putObject("owner").put("login", "python").put("id", 1_525_981).put("type", "Organization");
        user(hook.putObject("sender"));
        return hook;
    }

    private static void user(ObjectNode user) {
        user.put("id", AUTHOR_ID).put("login", AUTHOR).put("type", "User");
    }

    private static String diffPath(long pr) {
        return "/" + REPO + "/pull/" + pr + ".diff";
    }

    static HttpResponse<String> postWebhook(String gatewayUrl, byte[] body) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(gatewayUrl + "/webhooks/github"))
                    .header("Content-Type", "application/json")
                    .header("X-GitHub-Event", "pull_request")
                    .header("X-GitHub-Delivery", UUID.randomUUID().toString())
                    .header("X-Hub-Signature-256", new WebhookSignature(SECRET).sign(body))
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    // --- the one-line C changes -------------------------------------------------------------------------------------

    /**
     * A one-line change of {@code path} in the source: the one line holding {@code from} gets {@code to} instead; the
     * diff is git's ({@code git diff --no-index} of the pristine and the changed copy), with a/ and b/ prefixes.
     */
    static Change oneLineChange(Path source, String path, String from, String to, Path work) throws IOException,
            InterruptedException {
        Path a = work.resolve("a");
        Path b = work.resolve("b");
        Files.createDirectories(a);
        if (Files.isDirectory(source)) {
            Files.createDirectories(a.resolve(path).getParent());
            Files.copy(source.resolve(path), a.resolve(path));
        } else {
            Commands.run(null, List.of("tar", "-xzf", source.toString(), "-C", a.toString(), "--strip-components=1",
                    "--wildcards", "*/" + path));
        }
        List<String> lines = Files.readAllLines(a.resolve(path), StandardCharsets.UTF_8);
        List<Integer> hits = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(from)) {
                hits.add(i);
            }
        }
        if (hits.size() != 1) {
            throw new IllegalStateException(path + " of " + source + " has " + hits.size() + " lines with " + from
                    + ", not one: the benchmark's change does not fit this source");
        }
        int i = hits.get(0);
        String before = lines.get(i);
        String after = before.replace(from, to);
        Files.createDirectories(b.resolve(path).getParent());
        String text = Files.readString(a.resolve(path), StandardCharsets.UTF_8);
        int at = text.indexOf(before);
        Files.writeString(b.resolve(path), text.substring(0, at) + after + text.substring(at + before.length()),
                StandardCharsets.UTF_8);
        ProcessBuilder pb = new ProcessBuilder("git", "diff", "--no-index", "--no-prefix", "--no-color",
                "--no-ext-diff", "a/" + path, "b/" + path).directory(work.toFile());
        // nothing of the user's git configuration changes the diff
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        pb.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
        Process p = pb.redirectErrorStream(false).start();
        byte[] diff = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        // git diff --no-index exits 1 when the files differ
        long removed = new String(diff, StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("-")
                && !l.startsWith("---")).count();
        long added = new String(diff, StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("+")
                && !l.startsWith("+++")).count();
        if (exit != 1 || removed != 1 || added != 1) {
            throw new IllegalStateException("git diff --no-index of " + path + " gave exit " + exit + ", " + removed
                    + " removed and " + added + " added lines: " + err + new String(diff, StandardCharsets.UTF_8));
        }
        return new Change(path, i + 1, before, after, diff);
    }

    // --- the comparisons --------------------------------------------------------------------------------------------

    /**
     * The comparisons, keyed by case: for the Lib-only cases the bare regrtest of the modules their job ran, on a
     * patched copy of this machine's warm baseline; for each C case (unless --skip-cold) a cold build of the patched
     * pristine source and the same tests. In the sandbox, with the system stopped.
     */
    static Map<String, Comparison> compare(Options o, WorkerSettings host, List<Case> cases, List<Measured> measured,
            Path dir, long deadline) throws IOException {
        Map<String, Comparison> out = new LinkedHashMap<>();
        Sandbox sandbox = new Sandbox(host.bwrap(), host.uid(), host.gid());
        Files.createDirectories(dir);
        Optional<Measured> lib = modulesOf(measured, "lib-warm", host).or(() -> modulesOf(measured, "lib-first", host));
        if (lib.isEmpty()) {
            log("no Lib/-only job passed: no bare comparison");
        } else if (System.nanoTime() - deadline > 0) {
            log("past --max-minutes: no bare comparison");
        } else {
            BaselineStore store = new BaselineStore(host, sandbox);
            log("bare comparison: a copy of the %s baseline, the patch applied, python -m test of its modules",
                    host.arch().id());
            BaselineStore.Baseline baseline = store.ensure(BASE);
            Comparison bare = bare(sandbox, host, baseline.tree(), lib.get().c().diff(), modules(lib.get()),
                    dir.resolve("bare"));
            out.put("lib-first", bare);
            out.put("lib-warm", bare);
        }
        for (Case c : cases) {
            if (!c.key().startsWith("c-") || c.key().endsWith("-warm") || o.skipCold()) {
                continue;
            }
            Optional<Measured> m = modulesOf(measured, c.key(), host);
            if (m.isEmpty()) {
                log("%s: no job passed, no cold comparison", c.label());
            } else if (System.nanoTime() - deadline > 0) {
                log("%s: past --max-minutes, no cold comparison", c.label());
            } else {
                out.put(c.key(), cold(sandbox, host, c, modules(m.get()), dir.resolve(c.key())));
            }
        }
        // a case pushed again is compared with the same cold build
        cases.stream().filter(c -> c.key().endsWith("-warm") && c.key().startsWith("c-")).forEach(c -> {
            Comparison first = out.get(c.key().substring(0, c.key().length() - "-warm".length()));
            if (first != null) {
                out.put(c.key(), first);
            }
        });
        return out;
    }

    /** The case's passed job, of this machine's architecture when there is one, for its modules. */
    private static Optional<Measured> modulesOf(List<Measured> measured, String key, WorkerSettings host) {
        List<Measured> passed = measured.stream().filter(m -> m.c().key().equals(key) && m.passed()).toList();
        return passed.stream().filter(m -> m.arch().equals(host.arch().id())).findFirst()
                .or(() -> passed.stream().findFirst());
    }

    private static List<String> modules(Measured m) {
        return m.job().getResult().getModulesList().stream().map(TestModuleResult::getName).toList();
    }

    /** The bare run: copy (not counted), git apply (not counted), then {@code python -m test} of the modules. */
    static Comparison bare(Sandbox sandbox, WorkerSettings host, Path baselineTree, byte[] diff, List<String> modules,
            Path dir) throws IOException {
        String label = "bare python -m test";
        Map<String, Double> steps = new LinkedHashMap<>();
        Path tree = dir.resolve("cpython");
        Path out = dir.resolve("out");
        try {
            Files.createDirectories(out);
            long t = System.nanoTime();
            Commands.run(null, List.of("cp", "-a", baselineTree.toString(), tree.toString()));
            Commands.run(null, List.of("chown", host.uid() + ":" + host.gid(), out.toString()));
            steps.put("copy of the warm tree", seconds(System.nanoTime() - t));
            String failed = applyAndTest(sandbox, host, tree, out, dir, diff, modules, steps);
            log("bare comparison: %s", steps(steps, Set.of("tests")));
            return new Comparison(label, steps, Set.of("tests"), failed == null, failed);
        } finally {
            removeTree(tree);
        }
    }

    /** The cold run: extract the pristine source, git apply, ./configure, make, the tests; each step timed. */
    static Comparison cold(Sandbox sandbox, WorkerSettings host, Case c, List<String> modules, Path dir)
            throws IOException {
        String label = "cold build, " + c.label().replace("C line, ", "").replace(", first", "");
        Map<String, Double> steps = new LinkedHashMap<>();
        Path tree = dir.resolve("cpython");
        Path out = dir.resolve("out");
        Path source = host.sources().get(BASE);
        Set<String> all = Set.of("extract", "git apply", "./configure", "make -j" + host.parallelism(), "tests");
        try {
            log("%s: extracting the pristine source, then git apply, ./configure, make -j%d and %d test modules",
                    label, host.parallelism(), modules.size());
            Files.createDirectories(tree);
            Files.createDirectories(out);
            long t = System.nanoTime();
            if (Files.isDirectory(source)) {
                Commands.run(null, List.of("cp", "-a", source + "/.", tree.toString()));
            } else {
                Commands.run(null, List.of("tar", "-xzf", source.toString(), "-C", tree.toString(),
                        "--strip-components=1"));
            }
            Commands.run(null, List.of("chown", "-R", host.uid() + ":" + host.gid(), tree.toString(), out.toString()));
            steps.put("extract", seconds(System.nanoTime() - t));
            Files.write(out.resolve("patch.diff"), c.diff());
            String failed = step(sandbox, tree, out, dir, "git apply", List.of("git", "apply", "--verbose",
                    "--whitespace=nowarn", SandboxCommand.OUT + "/patch.diff"), JOB_LIMITS, steps);
            if (failed == null) {
                failed = step(sandbox, tree, out, dir, "./configure", List.of("./configure"),
                        BaselineStore.BUILD_LIMITS, steps);
            }
            if (failed == null) {
                failed = step(sandbox, tree, out, dir, "make -j" + host.parallelism(),
                        List.of("make", "-j" + host.parallelism()), BaselineStore.BUILD_LIMITS, steps);
            }
            if (failed == null) {
                failed = tests(sandbox, host, tree, out, dir, modules, steps);
            }
            log("%s: %s", label, steps(steps, all));
            return new Comparison(label, steps, all, failed == null, failed);
        } finally {
            removeTree(tree);
        }
    }

    /** git apply on the tree, then the tests; null when both passed, else what failed. */
    private static String applyAndTest(Sandbox sandbox, WorkerSettings host, Path tree, Path out, Path dir,
            byte[] diff, List<String> modules, Map<String, Double> steps) throws IOException {
        Files.write(out.resolve("patch.diff"), diff);
        String failed = step(sandbox, tree, out, dir, "git apply", List.of("git", "apply", "--verbose",
                "--whitespace=nowarn", SandboxCommand.OUT + "/patch.diff"), JOB_LIMITS, steps);
        return failed != null ? failed : tests(sandbox, host, tree, out, dir, modules, steps);
    }

    /** regrtest as the worker runs it: vm-worker's own Regrtest, with the worker's options, limits and sandbox. */
    private static String tests(Sandbox sandbox, WorkerSettings host, Path tree, Path out, Path dir,
            List<String> modules, Map<String, Double> steps) throws IOException {
        long t = System.nanoTime();
        Regrtest.Run run = Regrtest.run(sandbox, host, new TreeCopy(dir, tree, out), List.of(), modules,
                host.limits(), p -> {
                }, () -> false);
        steps.put("tests", seconds(System.nanoTime() - t));
        RegrtestLog regrtest = run.log();
        Sandbox.Execution e = run.execution();
        List<String> bad = modules.stream().filter(m -> regrtest.result(m).map(ModuleResult::failing).orElse(true))
                .map(m -> m + " " + regrtest.result(m).map(ModuleResult::detail).orElse("no result")).toList();
        if (!e.succeeded() || !bad.isEmpty()) {
            return "python -m test " + ending(e) + (bad.isEmpty() ? "" : "; " + String.join(", ", bad))
                    + " (log: " + dir.resolve("regrtest.log") + ")";
        }
        return null;
    }

    /** One timed command in the sandbox; null when it succeeded, else what failed. */
    private static String step(Sandbox sandbox, Path tree, Path out, Path dir, String name, List<String> cmd,
            Limits limits, Map<String, Double> steps) throws IOException {
        Path log = dir.resolve(name.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "") + ".log");
        long t = System.nanoTime();
        Sandbox.Execution e = sandbox.run(tree, out, List.of(), cmd, limits, log, l -> {
        }, () -> false);
        steps.put(name, seconds(System.nanoTime() - t));
        return e.succeeded() ? null : name + " " + ending(e) + " (log: " + log + "):\n" + e.tail();
    }

    private static String ending(Sandbox.Execution e) {
        return e.ending() == Sandbox.Ending.EXITED ? "exited " + e.exitCode() : e.ending() + " " + e.reason();
    }

    // --- options and output -----------------------------------------------------------------------------------------

    static Options parse(String[] args) {
        List<String> archs = List.of("amd64", "arm64");
        boolean skipCold = false;
        boolean keep = false;
        Duration max = Duration.ofMinutes(120);
        for (String w : args) {
            String value = w.substring(w.indexOf('=') + 1);
            if (w.equals("-h") || w.equals("--help")) {
                return null;
            } else if (w.startsWith("--archs=")) {
                archs = Arrays.stream(value.split(",")).map(a -> a.strip().toLowerCase(Locale.ROOT))
                        .filter(a -> !a.isEmpty()).distinct().toList();
                for (String a : archs) {
                    if (!AscentSystem.WORKER_ARCHS.contains(a)) {
                        throw new IllegalArgumentException("unknown architecture " + a + ": one of "
                                + AscentSystem.WORKER_ARCHS + "\n" + USAGE);
                    }
                }
                if (archs.isEmpty()) {
                    throw new IllegalArgumentException("--archs names no architecture\n" + USAGE);
                }
            } else if (w.equals("--skip-cold")) {
                skipCold = true;
            } else if (w.startsWith("--max-minutes=")) {
                max = Duration.ofMinutes(Long.parseLong(value));
            } else if (w.equals("--keep-data")) {
                keep = true;
            } else {
                throw new IllegalArgumentException("unknown argument " + w + "\n" + USAGE);
            }
        }
        return new Options(archs, skipCold, max, keep);
    }

    /** The source the local workers build their baselines from: as {@link AscentSystem} chooses it. */
    static Optional<Path> cpythonSource() {
        String configured = System.getenv("ASCENT_WORKER_SOURCES");
        if (configured != null && !configured.isBlank()) {
            return Arrays.stream(configured.split(",")).map(String::strip).filter(e -> e.startsWith(BASE + "="))
                    .map(e -> Path.of(e.substring(BASE.length() + 1).strip())).findFirst();
        }
        return Locations.cpythonSource();
    }

    /** A worker's settings for {@code arch} in {@code dir}, with the defaults a local worker runs with. */
    static WorkerSettings settings(Path source, Arch arch, Path dir) {
        String p = System.getenv("ASCENT_WORKER_PARALLELISM");
        int parallelism = p == null || p.isBlank() ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(p);
        return new WorkerSettings(dir, Map.of(BASE, source), arch, parallelism, JOB_LIMITS, TEST_TIMEOUT,
                "/usr/bin/bwrap", 65534, 65534);
    }

    private static Path baselineDir(Path workerDir, String arch) {
        return workerDir.resolve("baselines").resolve(BASE + "-" + arch);
    }

    /**
     * The workers' folder per architecture: {@code fresh}, holding copies of the built baselines of the shared folder
     * ({@link Locations#vmWorkerDir()}) without the test results kept beside them, for each architecture whose
     * baselines (a cross build's with the machine's own) are built and whose worker can run here; the others keep
     * the shared folder, where their worker builds the baseline once.
     */
    static Map<String, Path> freshBaselines(Path source, List<String> archs, Path fresh) throws IOException {
        Path shared = Locations.vmWorkerDir();
        Map<String, Path> dirs = new LinkedHashMap<>();
        if (shared.startsWith("/tmp")) {
            // a cross-built tree runs its build Python at its path in the shared folder, which the sandbox hides
            log("the workers use %s itself (under /tmp, hidden in the sandbox): their test results are not fresh",
                    shared);
            return dirs;
        }
        String host = Arch.host().id();
        Set<String> copied = new HashSet<>();
        for (String arch : archs) {
            Arch a;
            try {
                a = Arch.of(arch);
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (!WorkerPrerequisites.missing(settings(source, a, shared), true).isEmpty()) {
                continue; // its worker will say why it cannot start
            }
            List<String> needed = arch.equals(host) ? List.of(arch) : List.of(host, arch);
            List<String> unbuilt = needed.stream().filter(n -> !Files.exists(baselineDir(shared, n).resolve("READY")))
                    .toList();
            if (!unbuilt.isEmpty()) {
                log("the %s baseline(s) %s not built in %s yet: worker-%s builds them there, once (minutes); its "
                        + "test results there are not fresh", BASE, unbuilt, shared, arch);
                continue;
            }
            for (String n : needed) {
                if (copied.add(n)) {
                    Path from = baselineDir(shared, n);
                    Path to = baselineDir(fresh, n);
                    Files.createDirectories(to);
                    long t = System.nanoTime();
                    Commands.run(null, List.of("cp", "-a", from.resolve("tree").toString(), to.resolve("tree").toString()));
                    for (String file : List.of("READY", "build.log")) {
                        if (Files.exists(from.resolve(file))) {
                            Files.copy(from.resolve(file), to.resolve(file));
                        }
                    }
                    log("copied the %s %s baseline from %s in %.1f s (without its test results)", BASE, n, shared,
                            seconds(System.nanoTime() - t));
                }
            }
            dirs.put(arch, fresh);
        }
        return dirs;
    }

    static String header(Options o, Path source, WorkerSettings host, Map<String, Path> dirs, String load) {
        List<String> fresh = o.archs().stream().filter(dirs::containsKey).toList();
        return String.format(Locale.ROOT, """
                Patch-run benchmark: the whole system from devstack (Kafka, the MongoDB stand-in, gateway, ingest, \
                ledger, patch-runner) with local workers %s on the warm baselines of %s (%s); pull_request webhooks \
                of a trusted author posted to the gateway, the diffs served from loopback in GitHub's place, the \
                results read from the public PatchRunService; CPython %s from %s; %d CPUs (%s), load average %s; \
                make and regrtest -j%d; JDK %s.""", String.join(",", o.archs()), Locations.vmWorkerDir(),
                fresh.isEmpty() ? "with the test results kept there"
                        : "copies without their test results for " + String.join(",", fresh),
                BASE, source, Runtime.getRuntime().availableProcessors(), cpuModel(), load, host.parallelism(),
                Runtime.version().feature());
    }

    static String table(List<Case> cases, List<Measured> measured, Map<String, Comparison> comparisons,
            String hostArch) {
        String[] head = {"case", "arch", "time to result s", "queued s", "worker prepare/build/test s",
            "rest of job s", "to API s", "modules (baseline ran)", "comparison", "comparison s", "speed-up", "status"};
        List<String[]> rows = new ArrayList<>();
        rows.add(head);
        for (Case c : cases) {
            for (Measured m : measured.stream().filter(m -> m.c() == c).toList()) {
                Comparison cmp = m.arch().equals(hostArch) ? comparisons.get(c.key()) : null;
                String cmpName = cmp != null ? cmp.label() : !m.arch().equals(hostArch) || c.key().equals("warm-up")
                        ? "-" : c.key().startsWith("c-") ? "cold build: not run" : "bare: not run";
                if (m.job() == null) {
                    rows.add(new String[] {c.label(), m.arch(), "-", "-", "-", "-", "-", "-", cmpName, "-", "-",
                        "FAILED (" + firstLine(m.failure()) + ")"});
                    continue;
                }
                TestJobCompleted r = m.job().getResult();
                Instant started = Times.toInstant(r.getStartedAt());
                Instant finished = Times.toInstant(r.getFinishedAt());
                double inWorker = seconds(Duration.between(started, finished));
                double split = seconds(r.getPrepareDuration()) + seconds(r.getBuildDuration())
                        + seconds(r.getTestDuration());
                double queued = seconds(Duration.between(m.posted(), started));
                rows.add(new String[] {c.label(), m.arch(), f(m.toResultSeconds()), f(queued),
                    f(seconds(r.getPrepareDuration())) + " / " + f(seconds(r.getBuildDuration())) + " / "
                            + f(seconds(r.getTestDuration())),
                    f(inWorker - split), f(m.toResultSeconds() - queued - inWorker),
                    r.getModulesCount() + " (" + m.baselineRan().size() + ")", cmpName,
                    cmp == null ? "-" : f(cmp.seconds()),
                    cmp == null || !cmp.ok() ? "-" : String.format(Locale.ROOT, "%.2f×", cmp.seconds()
                            / m.toResultSeconds()),
                    m.passed() ? "ok" : "FAILED (" + status(r) + ")"});
            }
        }
        StringBuilder b = new StringBuilder(Table.markdown(rows,
                i -> i <= 1 || i == 8 || i == head.length - 1));
        b.append("""
                time to result = from the webhook's POST to the job's result on the public API (polled every 0.1 s) \
                = queued (POST to the worker's started_at: gateway, Kafka, patch-runner fetching the diff and \
                queueing, the worker's poll and claim) + the worker's started_at to finished_at (prepare = copy of \
                the warm tree, build = make, test = regrtest, rest = git apply, the selection, the baseline's runs of \
                modules it had no result of, the comparison) + to API (the result through Kafka and patch-runner). \
                The jobs of one run start together and share the CPUs. modules = the job's selection, with how many \
                of them the baseline ran first (the copied baselines start with no results). The warm-up (a one-line \
                README.rst change: the smoke set only) runs first, so that the measured runs find the services \
                warmed up and the smoke set's baseline results known. The comparisons run after the system stopped, \
                natively, in the same sandbox: bare = python -m test of the Lib/-only job's modules on a patched \
                copy of the warm baseline (copy and git apply not counted); cold build = extract the pristine \
                source, git apply, ./configure, make, the C job's tests. speed-up = comparison time / time to \
                result.""");
        return b.toString();
    }

    static String describe(Comparison c) {
        return c.label() + ": " + steps(c.steps(), c.counted()) + (c.ok() ? "" : " — FAILED: " + c.detail());
    }

    /** "copy 0.5 (not counted) + git apply 0.1 (not counted) + tests 2.3 = 2.3 s". */
    private static String steps(Map<String, Double> steps, Set<String> counted) {
        double sum = steps.entrySet().stream().filter(e -> counted.contains(e.getKey()))
                .mapToDouble(Map.Entry::getValue).sum();
        return steps.entrySet().stream().map(e -> e.getKey() + " " + f(e.getValue())
                + (counted.contains(e.getKey()) ? "" : " (not counted)")).collect(Collectors.joining(" + "))
                + " = " + f(sum) + " s";
    }

    private static String status(TestJobCompleted r) {
        return r.getStatus().name().replace("JOB_STATUS_", "").toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl) + " …";
    }

    private static String f(double seconds) {
        return String.format(Locale.ROOT, "%.1f", seconds);
    }

    // --- the machine ------------------------------------------------------------------------------------------------

    /** Whether this process runs as root (the owner of /proc/self is the effective user). */
    static boolean root() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst().orElse("unknown model");
        } catch (IOException | UncheckedIOException e) {
            return "unknown model";
        }
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    /** A head commit for a case: a SHA-1 of its name and this run's start, so that every run has its own. */
    private static String sha(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest((key + "@" + System.nanoTime())
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }

    /** Removes a comparison's tree (hundreds of MB), whatever --keep-data says; its logs stay beside it. */
    private static void removeTree(Path tree) {
        try {
            Commands.run(null, List.of("rm", "-rf", tree.toString()));
        } catch (IOException e) {
            log("could not remove %s: %s", tree, e.getMessage());
        }
    }

    private static void deleteTree(Path root) {
        try {
            Commands.run(null, List.of("rm", "-rf", root.toString()));
        } catch (IOException e) {
            log("could not delete %s: %s", root, e.getMessage());
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    private static double seconds(com.google.protobuf.Duration d) {
        return seconds(Times.toDuration(d));
    }

    private static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, "[bench] " + format + "%n", args);
    }
}
