package dev.ascent.vmworker.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.ascent.proto.vm.v1.JobStage;
import dev.ascent.proto.vm.v1.JobStatus;
import dev.ascent.proto.vm.v1.TestCaseFailure;
import dev.ascent.proto.vm.v1.TestJobCompleted;
import dev.ascent.proto.vm.v1.TestJobRequested;
import dev.ascent.proto.vm.v1.TestModuleResult;
import dev.ascent.proto.vm.v1.TestOutcome;
import dev.ascent.proto.vm.v1.TestScope;
import dev.ascent.vmworker.Arch;
import dev.ascent.vmworker.sandbox.Limits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Jobs on a real CPython 3.11 tree (built once, then warm), natively, in the real sandbox: real upstream patches pass
 * and fail, the network is unreachable, an endless loop is stopped with its whole process tree, and a patch that does
 * not apply says why. Patch fixtures: src/test/resources/patches/README.md.
 */
class JobRunnerIT {

    private static final Limits LIMITS = new Limits(4L << 30, 2048, Duration.ofMinutes(20));
    private static JobRunner runner;

    @BeforeAll
    static void warm() {
        RealCpython.assumeAvailable();
        runner = RealCpython.runner(RealCpython.settings(Arch.host(), LIMITS));
    }

    @Test
    void anUpstreamFixWithItsTestPasses() {
        TestJobCompleted r = run(runner, "fix-with-test.patch", new ArrayList<>());
        assertEquals(JobStatus.JOB_STATUS_PASSED, r.getStatus(), r.getDetail() + "\n" + r.getTestLogTail());
        TestModuleResult urlparse = module(r, "test_urlparse");
        assertEquals(TestOutcome.TEST_OUTCOME_PASSED, urlparse.getOutcome());
        assertEquals(TestOutcome.TEST_OUTCOME_PASSED, urlparse.getBaselineOutcome());
        assertEquals("Lib/test/test_urlparse.py", r.getSelectionList().stream()
                .filter(s -> s.getTest().equals("test_urlparse")).findFirst().orElseThrow().getBecause());
        assertTrue(r.getModulesList().stream().anyMatch(m -> m.getName().equals("test_sys")), "the smoke set ran");
        assertEquals(0, r.getFailuresCount());
    }

    @Test
    void theSameTestWithoutTheFixFailsAndNamesTheFailingTest() {
        List<JobStage> stages = Collections.synchronizedList(new ArrayList<>());
        TestJobCompleted r = run(runner, "test-only.patch", stages);
        assertEquals(JobStatus.JOB_STATUS_FAILED, r.getStatus(), r.getDetail());
        assertTrue(r.getDetail().contains("test_urlparse"), r.getDetail());
        assertEquals(TestOutcome.TEST_OUTCOME_FAILED, module(r, "test_urlparse").getOutcome());
        assertEquals(TestOutcome.TEST_OUTCOME_PASSED, module(r, "test_urlparse").getBaselineOutcome());
        TestCaseFailure f = r.getFailuresList().stream().filter(x -> x.getModule().equals("test_urlparse"))
                .findFirst().orElseThrow();
        assertEquals("test.test_urlparse.UrlParseTestCase.test_invalid_bracketed_hosts", f.getTestCase());
        assertTrue(f.getTraceback().contains("ValueError not raised"), f.getTraceback());
        assertFalse(f.getAlsoFailsOnBaseline());
        // "baseline" only when this baseline had no result of a selected module yet (the first such job of a run)
        List<JobStage> seen = stages.stream().distinct().toList();
        List<JobStage> expected = new ArrayList<>(List.of(JobStage.JOB_STAGE_STARTED, JobStage.JOB_STAGE_PREPARING,
                JobStage.JOB_STAGE_PATCHING, JobStage.JOB_STAGE_BUILDING, JobStage.JOB_STAGE_TESTING));
        if (seen.contains(JobStage.JOB_STAGE_BASELINE)) {
            expected.add(3, JobStage.JOB_STAGE_BASELINE);
        }
        assertEquals(expected, seen);
    }

    @Test
    void insideTheSandboxTheOutsideNetworkIsUnreachable() {
        TestJobCompleted r = run(runner, "socket-outside.patch", new ArrayList<>());
        assertEquals(JobStatus.JOB_STATUS_PASSED, r.getStatus(), r.getDetail() + "\n" + r.getTestLogTail());
        assertEquals(TestOutcome.TEST_OUTCOME_PASSED, module(r, "test_ascent_network").getOutcome());
        assertEquals(TestOutcome.TEST_OUTCOME_UNSPECIFIED, module(r, "test_ascent_network").getBaselineOutcome(),
                "the baseline has no such module");
    }

    @Test
    void anEndlessLoopTimesOutAndNothingOfItSurvives() {
        JobRunner shortClock = RealCpython.runner(RealCpython.settings(Arch.host(),
                LIMITS.withWallClock(Duration.ofSeconds(45))));
        TestJobCompleted r = run(shortClock, "endless-loop.patch", new ArrayList<>());
        assertEquals(JobStatus.JOB_STATUS_TIMEOUT, r.getStatus(), r.getDetail() + "\n" + r.getTestLogTail());
        assertEquals("stopped after the wall-clock limit of 45 s", r.getDetail());
        assertEquals(TestOutcome.TEST_OUTCOME_NOT_RUN, module(r, "test_ascent_forever").getOutcome());
        // the test's spinning children ("while True: pass") and regrtest running test_ascent_forever
        List<ProcessHandle> left = ProcessHandle.allProcesses()
                .filter(p -> p.info().user().map("nobody"::equals).orElse(false))
                .filter(p -> p.info().commandLine().map(c -> c.contains("while True") || c.contains("ascent_forever"))
                        .orElse(false)).toList();
        assertEquals(List.of(), left.stream().map(p -> p.pid() + " " + p.info().commandLine().orElse("")).toList(),
                "processes of the sandbox's user left running");
        // and the worker is fine for the next job
        assertEquals(JobStatus.JOB_STATUS_PASSED, run(runner, "fix-with-test.patch", new ArrayList<>()).getStatus());
    }

    @Test
    void aPatchThatDoesNotApplyIsPatchFailedWithGitsMessage() {
        TestJobCompleted r = run(runner, "does-not-apply.patch", new ArrayList<>());
        assertEquals(JobStatus.JOB_STATUS_PATCH_FAILED, r.getStatus());
        assertTrue(r.getDetail().startsWith("the patch does not apply: "), r.getDetail());
        assertTrue(r.getDetail().contains("patch does not apply"), r.getDetail());
        assertEquals(0, r.getModulesCount());
    }

    static TestJobCompleted run(JobRunner runner, String patch, List<JobStage> stages) {
        TestJobRequested job = TestJobRequested.newBuilder().setJobId("python/cpython#1@" + patch + "/"
                + Arch.host().id()).setRunId("run-" + patch).setRepository("python/cpython").setPrNumber(1)
                .setBase(RealCpython.BASE).setArch(Arch.host().id()).setScope(TestScope.TEST_SCOPE_SELECTED)
                .setPatch(ByteString.copyFrom(RealCpython.patch(patch))).build();
        return runner.run(job, 1, "test-worker", (stage, done, total, last) -> stages.add(stage), () -> false);
    }

    static TestModuleResult module(TestJobCompleted r, String name) {
        return r.getModulesList().stream().filter(m -> m.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in " + r.getModulesList()));
    }
}
