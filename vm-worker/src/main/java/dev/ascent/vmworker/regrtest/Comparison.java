package dev.ascent.vmworker.regrtest;

import dev.ascent.proto.Times;
import dev.ascent.proto.vm.v1.JobStatus;
import dev.ascent.proto.vm.v1.TestCaseFailure;
import dev.ascent.proto.vm.v1.TestModuleResult;
import dev.ascent.proto.vm.v1.TestOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The patched run against the baseline: per module, the outcome with and without the patch, and the verdict. A module
 * is a new failure when it fails with the patch and passes without it, or when both fail but the patch adds failing
 * test cases. The job passes when there is no new failure: failures the baseline shares are the environment's.
 */
public record Comparison(JobStatus status, String detail, List<TestModuleResult> modules,
        List<TestCaseFailure> failures, List<String> newFailures, List<String> fixed, List<String> stillFailing) {

    public Comparison {
        modules = List.copyOf(modules);
        failures = List.copyOf(failures);
        newFailures = List.copyOf(newFailures);
        fixed = List.copyOf(fixed);
        stillFailing = List.copyOf(stillFailing);
    }

    /**
     * Compares. {@code selected} are the modules asked for, in order (for a full run, every module the log reports);
     * one the log does not report did not run. {@code baseline} has the baseline's result of each module it knows.
     */
    public static Comparison of(List<String> selected, RegrtestLog log, JunitReport junit,
            Map<String, BaselineResult> baseline) {
        List<TestModuleResult> modules = new ArrayList<>();
        List<String> newFailures = new ArrayList<>();
        List<String> fixed = new ArrayList<>();
        List<String> still = new ArrayList<>();
        List<TestCaseFailure> failures = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>(selected);
        log.results().forEach(r -> names.add(r.name()));
        for (String name : names) {
            ModuleResult r = log.result(name).orElse(ModuleResult.notRun(name, "did not finish"));
            BaselineResult b = baseline.get(name);
            Duration d = r.duration() != null ? r.duration() : junit.duration(name);
            TestModuleResult.Builder m = TestModuleResult.newBuilder().setName(name).setOutcome(r.outcome())
                    .setDetail(r.detail());
            if (d != null) {
                m.setDuration(Times.toProto(d));
            }
            if (b != null) {
                m.setBaselineOutcome(b.outcome());
            }
            modules.add(m.build());
            Set<String> baselineCases = b == null ? Set.of() : b.failingCases();
            boolean addsCases = false;
            for (CaseFailure f : junit.failures(name)) {
                boolean shared = baselineCases.contains(f.testCase());
                addsCases |= !shared;
                failures.add(TestCaseFailure.newBuilder().setModule(name).setTestCase(f.testCase())
                        .setKind(f.kind()).setMessage(f.message()).setTraceback(f.traceback())
                        .setAlsoFailsOnBaseline(shared).build());
            }
            boolean baselineFails = b != null && b.failing();
            if (r.failing()) {
                if (!baselineFails || addsCases) {
                    newFailures.add(name);
                } else {
                    still.add(name);
                }
            } else if (baselineFails) {
                fixed.add(name);
            }
        }
        JobStatus status = newFailures.isEmpty() ? JobStatus.JOB_STATUS_PASSED : JobStatus.JOB_STATUS_FAILED;
        return new Comparison(status, sentence(modules.size(), newFailures, fixed, still), modules, failures,
                newFailures, fixed, still);
    }

    private static String sentence(int total, List<String> newFailures, List<String> fixed, List<String> still) {
        List<String> parts = new ArrayList<>();
        if (newFailures.isEmpty()) {
            parts.add(total == 1 ? "the selected test module passes" : "no selected test module fails that passes "
                    + "without the patch (" + total + " run)");
        } else {
            parts.add(count(newFailures.size(), "test module fails", "test modules fail")
                    + " that " + (newFailures.size() == 1 ? "passes" : "pass") + " without the patch: "
                    + String.join(", ", newFailures));
        }
        if (!fixed.isEmpty()) {
            parts.add(count(fixed.size(), "module fixed", "modules fixed") + ": " + String.join(", ", fixed));
        }
        if (!still.isEmpty()) {
            parts.add(count(still.size(), "module fails", "modules fail") + " without the patch too: "
                    + String.join(", ", still));
        }
        return String.join("; ", parts);
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
