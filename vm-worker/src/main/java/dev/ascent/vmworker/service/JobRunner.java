package dev.ascent.vmworker.service;

import dev.ascent.proto.Times;
import dev.ascent.proto.vm.v1.JobStage;
import dev.ascent.proto.vm.v1.JobStatus;
import dev.ascent.proto.vm.v1.TestJobCompleted;
import dev.ascent.proto.vm.v1.TestJobRequested;
import dev.ascent.proto.vm.v1.TestScope;
import dev.ascent.vmworker.regrtest.BaselineResult;
import dev.ascent.vmworker.regrtest.Comparison;
import dev.ascent.vmworker.regrtest.RegrtestLog;
import dev.ascent.vmworker.sandbox.Sandbox;
import dev.ascent.vmworker.sandbox.SandboxCommand;
import dev.ascent.vmworker.selection.DiffPaths;
import dev.ascent.vmworker.selection.TestSelection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * Runs one job: copies the warm baseline tree, applies the patch, builds, runs the selected tests, all in the sandbox
 * under the job's limits and one wall clock, and compares with the baseline. Never throws for what the patch does:
 * every ending is a result. The job's folder is removed afterwards.
 */
public final class JobRunner {

    /** Told where the job is, for progress events. */
    @FunctionalInterface
    public interface Listener {
        void progress(JobStage stage, int testsDone, int testsTotal, String lastTest);
    }

    private static final Logger LOG = Logger.getLogger(JobRunner.class);
    private static final Duration APPLY_LIMIT = Duration.ofMinutes(2);

    private final WorkerSettings settings;
    private final Sandbox sandbox;
    private final BaselineStore baselines;
    private final TestSelection selection;

    public JobRunner(WorkerSettings settings, Sandbox sandbox, BaselineStore baselines, TestSelection selection) {
        this.settings = settings;
        this.sandbox = sandbox;
        this.baselines = baselines;
        this.selection = selection;
    }

    /** Runs the job as attempt {@code attempt} on worker {@code worker}. */
    public TestJobCompleted run(TestJobRequested job, int attempt, String worker, Listener listener,
            BooleanSupplier cancelled) {
        Instant started = Instant.now();
        TestJobCompleted.Builder result = TestJobCompleted.newBuilder().setJobId(job.getJobId())
                .setRunId(job.getRunId()).setArch(settings.arch().id()).setAttempt(attempt).setWorker(worker)
                .setBase(job.getBase()).setEmulated(settings.emulated()).setScope(job.getScope())
                .setInformational(job.getInformational()).setStartedAt(Times.toTimestamp(started));
        Path jobDir = jobsOf(settings, worker).resolve(folderName(job.getJobId()) + "-" + attempt);
        try {
            listener.progress(JobStage.JOB_STAGE_STARTED, 0, 0, "");
            if (!job.getArch().equals(settings.arch().id())) {
                return finish(result, JobStatus.JOB_STATUS_ERROR, "this worker serves " + settings.arch().id()
                        + ", not " + job.getArch());
            }
            runIn(jobDir, job, result, listener, cancelled);
            return finish(result, result.getStatus(), result.getDetail());
        } catch (BaselineStore.UnknownBaseException e) {
            return finish(result, JobStatus.JOB_STATUS_ERROR, e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.errorf(e, "job %s: the worker failed", job.getJobId());
            return finish(result, JobStatus.JOB_STATUS_ERROR, "the worker could not run the job: " + e.getMessage());
        }
    }

    private void runIn(Path jobDir, TestJobRequested job, TestJobCompleted.Builder result, Listener listener,
            BooleanSupplier cancelled) throws IOException {
        listener.progress(JobStage.JOB_STAGE_PREPARING, 0, 0, "");
        BaselineStore.Baseline baseline = baselines.ensure(job.getBase());
        // preparing is the job's copy of a warm tree: a baseline built for this job is not part of it
        Instant copyStart = Instant.now();
        try (TreeCopy copy = TreeCopy.of(baseline.tree(), jobDir, settings)) {
            result.setPrepareDuration(Times.toProto(Duration.between(copyStart, Instant.now())));
            Files.write(copy.out().resolve("patch.diff"), job.getPatch().toByteArray());
            patchBuildTest(copy, baseline, job, result, listener, cancelled);
        }
    }

    private void patchBuildTest(TreeCopy copy, BaselineStore.Baseline baseline, TestJobRequested job,
            TestJobCompleted.Builder result, Listener listener, BooleanSupplier cancelled) throws IOException {
        Path tree = copy.tree();
        Path out = copy.out();
        Path jobDir = copy.dir();

        listener.progress(JobStage.JOB_STAGE_PATCHING, 0, 0, "");
        Sandbox.Execution apply = sandbox.run(tree, out, baseline.needs(), List.of("git", "apply", "--verbose",
                "--whitespace=nowarn", SandboxCommand.OUT + "/patch.diff"),
                settings.limits().withWallClock(APPLY_LIMIT), jobDir.resolve("apply.log"), l -> {
                }, cancelled);
        if (ended(apply, result)) {
            return;
        }
        if (!apply.succeeded()) {
            if (apply.tail().lines().anyMatch(l -> l.startsWith("error: "))) {
                result.setStatus(JobStatus.JOB_STATUS_PATCH_FAILED).setDetail(gitMessage(apply.tail()));
            } else {
                // not git's refusal: the sandbox itself failed
                result.setStatus(JobStatus.JOB_STATUS_ERROR).setDetail("the sandbox could not run git apply (exit "
                        + apply.exitCode() + "): " + apply.tail().strip());
            }
            return;
        }
        List<String> changed = DiffPaths.of(job.getPatch().toString(StandardCharsets.UTF_8));
        TestSelection.Selected selected = job.getScope() == TestScope.TEST_SCOPE_FULL ? TestSelection.full()
                : selection.select(changed, BaselineStore.testModules(tree));
        result.addAllSelection(selected.tests());
        if (!selected.unmapped().isEmpty()) {
            LOG.infof("job %s: no test module maps to %s", job.getJobId(), selected.unmapped());
        }
        Map<String, BaselineResult> baselineResults = selected.full() ? Map.of()
                : baselines.results(baseline, selected.names(),
                        missing -> listener.progress(JobStage.JOB_STAGE_BASELINE, 0, missing.size(), ""));
        // the wall clock is the patch's: building and testing it, not the worker's own baseline runs
        long deadline = System.nanoTime() + settings.limits().wallClock().toNanos();

        listener.progress(JobStage.JOB_STAGE_BUILDING, 0, 0, "");
        Instant buildStart = Instant.now();
        Sandbox.Execution make = sandbox.run(tree, out, baseline.needs(),
                List.of("make", "-j" + settings.parallelism()),
                settings.limits().withWallClock(remaining(deadline)), jobDir.resolve("build.log"), l -> {
                }, cancelled);
        result.setBuildDuration(Times.toProto(Duration.between(buildStart, Instant.now())))
                .setBuildLogTail(make.tail());
        if (ended(make, result)) {
            return;
        }
        if (!make.succeeded()) {
            result.setStatus(JobStatus.JOB_STATUS_BUILD_FAILED).setDetail("make failed (exit " + make.exitCode()
                    + "); the build log's tail says why");
            return;
        }
        // make exits 0 when setup.py fails to compile an extension module (it keeps the old one): those the
        // baseline builds are the patch's failure
        List<String> broken = new ArrayList<>(BuildLog.failedModules(Files.readString(jobDir.resolve("build.log"))));
        Path baselineLog = baseline.dir().resolve("build.log");
        if (Files.exists(baselineLog)) {
            broken.removeAll(BuildLog.failedModules(Files.readString(baselineLog)));
        }
        if (!broken.isEmpty()) {
            result.setStatus(JobStatus.JOB_STATUS_BUILD_FAILED).setDetail("the build could not compile "
                    + String.join(", ", broken) + ", which the baseline builds; the build log says why");
            return;
        }

        int total = selected.full() ? 0 : selected.names().size();
        listener.progress(JobStage.JOB_STAGE_TESTING, 0, total, "");
        Instant testStart = Instant.now();
        Regrtest.Run run = Regrtest.run(sandbox, settings, copy, baseline.needs(), selected.names(),
                settings.limits().withWallClock(remaining(deadline)),
                p -> listener.progress(JobStage.JOB_STAGE_TESTING, p.done(), p.total(), p.result().name()),
                cancelled);
        Sandbox.Execution tests = run.execution();
        RegrtestLog log = run.log();
        result.setTestDuration(Times.toProto(Duration.between(testStart, Instant.now())))
                .setTestLogTail(tests.tail());
        Comparison c = Comparison.of(selected.names(), log, run.junit(), baselineResults);
        result.addAllModules(c.modules()).addAllFailures(c.failures());
        if (ended(tests, result)) {
            return;
        }
        if (log.results().isEmpty() && !tests.succeeded()) {
            result.setStatus(JobStatus.JOB_STATUS_ERROR).setDetail("regrtest ran no test (exit " + tests.exitCode()
                    + "); its output's tail says why");
            return;
        }
        result.setStatus(c.status()).setDetail(c.detail());
    }

    /** Sets TIMEOUT, KILLED or CANCELLED when the command was stopped; true if it was. */
    private boolean ended(Sandbox.Execution e, TestJobCompleted.Builder result) {
        JobStatus s = switch (e.ending()) {
            case TIMEOUT -> JobStatus.JOB_STATUS_TIMEOUT;
            case KILLED -> JobStatus.JOB_STATUS_KILLED;
            case CANCELLED -> JobStatus.JOB_STATUS_CANCELLED;
            case EXITED -> null;
        };
        if (s == null) {
            return false;
        }
        // the sandbox knows the time left for its step; the job's own limit is what a person reads
        result.setStatus(s).setDetail(s == JobStatus.JOB_STATUS_TIMEOUT ? "stopped after the wall-clock limit of "
                + settings.limits().wallClock().toSeconds() + " s" : e.reason());
        return true;
    }

    /** git apply's own words, without its "Checking patch" chatter. */
    static String gitMessage(String output) {
        List<String> lines = output.lines().filter(l -> !l.startsWith("Checking patch ")).toList();
        String msg = String.join("\n", lines).strip();
        return "the patch does not apply: " + (msg.isEmpty() ? "git apply failed" : msg);
    }

    private static Duration remaining(long deadline) {
        long left = deadline - System.nanoTime();
        return Duration.ofNanos(Math.max(left, 1_000_000));
    }

    private static TestJobCompleted finish(TestJobCompleted.Builder b, JobStatus status, String detail) {
        return b.setStatus(status).setDetail(detail).setFinishedAt(Times.toTimestamp(Instant.now())).build();
    }

    /** Where worker {@code worker} keeps its jobs' trees while they run: a folder of its own. */
    static Path jobsOf(WorkerSettings settings, String worker) {
        return settings.dir().resolve("jobs").resolve(folderName(worker));
    }

    /**
     * Removes what a previous run of this worker left of its jobs: a worker killed mid-job never cleans its job's
     * tree (hundreds of MB). Only this worker's folder: other workers sharing the folder keep theirs. Returns how many
     * job folders were removed.
     */
    public static int removeLeftovers(WorkerSettings settings, String worker) throws IOException {
        Path dir = jobsOf(settings, worker);
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int n;
        try (var list = Files.list(dir)) {
            n = (int) list.count();
        }
        Commands.run(null, List.of("rm", "-rf", dir.toString()));
        return n;
    }

    /** A job id as a folder name: "python/cpython#12@abc/amd64" → "python_cpython_12_abc_amd64". */
    static String folderName(String jobId) {
        String s = jobId.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.length() > 120 ? s.substring(0, 120) : s;
    }
}
