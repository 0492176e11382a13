package dev.ascent.vmworker.regrtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ascent.proto.vm.v1.TestOutcome;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegrtestLogTest {

    /** Real lines of CPython 3.11.2's regrtest at -j2 (the crash is an import error of a module that is not there). */
    private static final String LOG = """
            0:00:00 load avg: 1.28 Run tests in parallel using 2 child processes (timeout: 5 min, worker timeout: 7 min 30 sec)
            0:00:00 load avg: 1.28 [ 1/18] test_sys passed
            0:00:01 load avg: 1.28 [ 2/18] test_json passed
            0:00:07 load avg: 1.42 [17/18/1] test_nonexistent_xyz failed (uncaught exception)
            test test_nonexistent_xyz crashed -- Traceback (most recent call last):
            ModuleNotFoundError: No module named 'test.test_nonexistent_xyz'
            0:00:30 load avg: 1.50 running: test_socket (30.0 sec)
            0:00:41 load avg: 1.50 [18/21/2] test_re failed (1 error, 2 failures) (31.2 sec) -- running: test_os (30.5 sec)
            0:00:42 load avg: 1.50 [19/21/3] test_os crashed (Exit code -9)
            0:00:43 load avg: 1.50 [20/21/3] test_tkinter skipped (resource denied)
            0:00:43 load avg: 1.50 [21/21/3] test_x failed (env changed)
            0:20:43 load avg: 1.50 [22/23/4] test_socket timed out (20 min 0 sec)
            0:20:44 load avg: 1.50 [23/23/4] test_empty ran no tests

            == Tests result: FAILURE ==
            17 tests OK.

            1 test failed:
                test_nonexistent_xyz
            Total duration: 7.8 sec
            Tests result: FAILURE
            """;

    @Test
    void readsEveryProgressLineAndNothingElse() {
        RegrtestLog log = RegrtestLog.parse(LOG);
        assertEquals(List.of("test_sys", "test_json", "test_nonexistent_xyz", "test_re", "test_os", "test_tkinter",
                "test_x", "test_socket", "test_empty"), log.results().stream().map(ModuleResult::name).toList());
        assertEquals(23, log.total());
        assertEquals(TestOutcome.TEST_OUTCOME_PASSED, outcome(log, "test_sys"));
        assertEquals(TestOutcome.TEST_OUTCOME_FAILED, outcome(log, "test_nonexistent_xyz"));
        assertEquals(TestOutcome.TEST_OUTCOME_FAILED, outcome(log, "test_re"));
        assertEquals(TestOutcome.TEST_OUTCOME_CRASHED, outcome(log, "test_os"));
        assertEquals(TestOutcome.TEST_OUTCOME_SKIPPED, outcome(log, "test_tkinter"));
        assertEquals(TestOutcome.TEST_OUTCOME_ENV_CHANGED, outcome(log, "test_x"));
        assertEquals(TestOutcome.TEST_OUTCOME_TIMED_OUT, outcome(log, "test_socket"));
        assertEquals(TestOutcome.TEST_OUTCOME_NO_TESTS, outcome(log, "test_empty"));
    }

    @Test
    void keepsRegrtestsWordsAndTheDurationsItPrints() {
        RegrtestLog log = RegrtestLog.parse(LOG);
        ModuleResult re = log.result("test_re").orElseThrow();
        assertEquals("failed (1 error, 2 failures) (31.2 sec)", re.detail());
        assertEquals(Duration.ofMillis(31_200), re.duration());
        assertEquals(Duration.ofMinutes(20), log.result("test_socket").orElseThrow().duration());
        assertEquals("crashed (Exit code -9)", log.result("test_os").orElseThrow().detail());
        assertEquals(null, log.result("test_json").orElseThrow().duration());
    }

    @Test
    void aStreamReportsKOfN() {
        RegrtestLog log = new RegrtestLog();
        assertFalse(log.accept("0:00:00 load avg: 1.28 Run tests in parallel").isPresent());
        RegrtestLog.Progress p = log.accept("0:00:01 load avg: 1.28 [ 2/18] test_json passed").orElseThrow();
        assertEquals(2, p.done());
        assertEquals(18, p.total());
        assertEquals("test_json", p.result().name());
        assertTrue(log.accept("[3/18] test_re passed").isPresent(), "without the clock and load");
    }

    @Test
    void readsRegrtestsDurationFormat() {
        assertEquals(Duration.ofMillis(350), RegrtestLog.parseDuration("350 ms"));
        assertEquals(Duration.ofMillis(1_500), RegrtestLog.parseDuration("1.5 sec"));
        assertEquals(Duration.ofSeconds(121), RegrtestLog.parseDuration("2 min 1 sec"));
        assertEquals(Duration.ofMinutes(62), RegrtestLog.parseDuration("1 hour 2 min"));
    }

    private static TestOutcome outcome(RegrtestLog log, String module) {
        return log.result(module).orElseThrow().outcome();
    }
}
