package dev.ascent.vmworker.regrtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ascent.proto.vm.v1.JobStatus;
import dev.ascent.proto.vm.v1.TestCaseFailure;
import dev.ascent.proto.vm.v1.TestModuleResult;
import dev.ascent.proto.vm.v1.TestOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ComparisonTest {

    private static final String JUNIT = """
            <testsuites tests="4" errors="1" failures="1">
              <testsuite start="2026-11-21 21:50:06" tests="2" errors="0" failures="1">
                <testcase name="test.test_re.ReTests.test_ok" status="run" result="completed" time="0.25"/>
                <testcase name="test.test_re.ReTests.test_new" status="run" result="completed" time="0.5">
                  <failure type="AssertionError" message="AssertionError: 1 != 2&#10;">Traceback (most recent call last):
              File "/tmp/job/cpython/Lib/test/test_re.py", line 10, in test_new
            AssertionError: 1 != 2</failure>
                </testcase>
              </testsuite>
              <testsuite start="2026-11-21 21:50:07" tests="2" errors="1" failures="0">
                <testcase name="test.test_socket.GeneralModuleTests.test_env" status="run" result="completed" time="1">
                  <error type="OSError" message="OSError: [Errno 19] No such device">Traceback: OSError</error>
                </testcase>
                <testcase/>
              </testsuite>
            </testsuites>
            """;

    @Test
    void junitGivesFailingCasesWithTracebacksAndModuleTimes() {
        JunitReport r = JunitReport.parse(JUNIT.getBytes(StandardCharsets.UTF_8));
        assertEquals(2, r.failures().size());
        CaseFailure f = r.failures("test_re").get(0);
        assertEquals("test.test_re.ReTests.test_new", f.testCase());
        assertEquals("failure", f.kind());
        assertEquals("AssertionError: 1 != 2", f.message());
        assertTrue(f.traceback().startsWith("Traceback (most recent call last):"));
        assertEquals(Duration.ofMillis(750), r.duration("test_re"));
        assertEquals("error", r.failures("test_socket").get(0).kind());
    }

    @Test
    void readsRealRegrtestOutputOfAFailingUpstreamTest() throws Exception {
        byte[] xml;
        String stdout;
        try (var x = getClass().getResourceAsStream("/patches/test-only.junit.xml");
                var o = getClass().getResourceAsStream("/patches/test-only.stdout.txt")) {
            xml = x.readAllBytes();
            stdout = new String(o.readAllBytes(), StandardCharsets.UTF_8);
        }
        JunitReport junit = JunitReport.parse(xml);
        assertEquals(List.of("test.test_urlparse.UrlParseTestCase.test_invalid_bracketed_hosts"),
                junit.failures().stream().map(CaseFailure::testCase).toList());
        assertTrue(junit.failures().get(0).traceback().contains("ValueError not raised by urlsplit"));
        RegrtestLog log = RegrtestLog.parse(stdout);
        assertEquals(TestOutcome.TEST_OUTCOME_FAILED, log.result("test_urlparse").orElseThrow().outcome());
        Comparison c = Comparison.of(List.of("test_urlparse"), log, junit, Map.of("test_urlparse", passed(
                "test_urlparse")));
        assertEquals(JobStatus.JOB_STATUS_FAILED, c.status());
    }

    @Test
    void junitFromUntrustedCodeMayNotDeclareEntities() {
        String evil = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<testsuites><testsuite><testcase name=\"test.test_x.A.b\"><failure message=\"&e;\"/></testcase>"
                + "</testsuite></testsuites>";
        assertThrows(IllegalArgumentException.class, () -> JunitReport.parse(evil.getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalArgumentException.class, () -> JunitReport.parse("<testsuites>".getBytes()));
    }

    @Test
    void aModuleThatFailsOnlyWithThePatchFailsTheJob() {
        RegrtestLog log = RegrtestLog.parse("""
                [1/3] test_json passed
                [2/3/1] test_re failed (1 failure)
                [3/3/1] test_sys passed
                """);
        Comparison c = Comparison.of(List.of("test_re", "test_json", "test_sys"), log,
                JunitReport.parse(JUNIT.getBytes(StandardCharsets.UTF_8)),
                Map.of("test_re", passed("test_re"), "test_json", passed("test_json")));
        assertEquals(JobStatus.JOB_STATUS_FAILED, c.status());
        assertEquals(List.of("test_re"), c.newFailures());
        assertEquals("1 test module fails that passes without the patch: test_re", c.detail());
        TestModuleResult re = c.modules().get(0);
        assertEquals("test_re", re.getName());
        assertEquals(TestOutcome.TEST_OUTCOME_FAILED, re.getOutcome());
        assertEquals(TestOutcome.TEST_OUTCOME_PASSED, re.getBaselineOutcome());
        assertEquals(TestOutcome.TEST_OUTCOME_UNSPECIFIED, c.modules().get(2).getBaselineOutcome(),
                "test_sys has no baseline result");
        TestCaseFailure failure = c.failures().stream().filter(f -> f.getModule().equals("test_re")).findFirst()
                .orElseThrow();
        assertFalse(failure.getAlsoFailsOnBaseline());
    }

    @Test
    void failuresTheBaselineSharesAreTheEnvironmentsAndNewCasesAreNot() {
        RegrtestLog log = RegrtestLog.parse("[1/1/1] test_socket failed (1 error)\n");
        JunitReport junit = JunitReport.parse(JUNIT.getBytes(StandardCharsets.UTF_8));
        BaselineResult same = new BaselineResult("test_socket", TestOutcome.TEST_OUTCOME_FAILED, Duration.ZERO,
                Set.of("test.test_socket.GeneralModuleTests.test_env"));
        Comparison shared = Comparison.of(List.of("test_socket"), log, junit, Map.of("test_socket", same));
        assertEquals(JobStatus.JOB_STATUS_PASSED, shared.status());
        assertEquals(List.of("test_socket"), shared.stillFailing());
        assertTrue(shared.failures().get(shared.failures().size() - 1).getAlsoFailsOnBaseline());
        BaselineResult other = new BaselineResult("test_socket", TestOutcome.TEST_OUTCOME_FAILED, Duration.ZERO,
                Set.of("test.test_socket.GeneralModuleTests.test_other"));
        assertEquals(JobStatus.JOB_STATUS_FAILED,
                Comparison.of(List.of("test_socket"), log, junit, Map.of("test_socket", other)).status());
    }

    @Test
    void aFixedModuleAndAModuleThatNeverFinishedAreReported() {
        RegrtestLog log = RegrtestLog.parse("[1/2] test_json passed\n");
        Comparison c = Comparison.of(List.of("test_json", "test_re"), log, JunitReport.empty(),
                Map.of("test_json", new BaselineResult("test_json", TestOutcome.TEST_OUTCOME_FAILED, Duration.ZERO,
                        Set.of()), "test_re", passed("test_re")));
        assertEquals(List.of("test_json"), c.fixed());
        assertEquals(List.of("test_re"), c.newFailures());
        assertEquals(TestOutcome.TEST_OUTCOME_NOT_RUN, c.modules().get(1).getOutcome());
    }

    @Test
    void baselineResultsSurviveTheirFile() {
        BaselineResult r = new BaselineResult("test_socket", TestOutcome.TEST_OUTCOME_FAILED, Duration.ofMillis(1234),
                Set.of("test.test_socket.A.b", "test.test_socket.A.c (x=1)"));
        assertEquals(r, BaselineResult.fromLine(r.toLine()));
        assertEquals(passed("test_json"), BaselineResult.fromLine(passed("test_json").toLine()));
    }

    private static BaselineResult passed(String module) {
        return new BaselineResult(module, TestOutcome.TEST_OUTCOME_PASSED, Duration.ZERO, Set.of());
    }
}
