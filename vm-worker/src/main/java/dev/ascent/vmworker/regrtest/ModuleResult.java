package dev.ascent.vmworker.regrtest;

import dev.ascent.proto.vm.v1.TestOutcome;
import java.time.Duration;

/** One regrtest module's outcome as regrtest reported it, with regrtest's words and its duration when known. */
public record ModuleResult(String name, TestOutcome outcome, String detail, Duration duration) {

    /** A module the run asked for that it never reported (the run was stopped, or regrtest skipped it silently). */
    public static ModuleResult notRun(String name, String detail) {
        return new ModuleResult(name, TestOutcome.TEST_OUTCOME_NOT_RUN, detail, null);
    }

    /** Whether the outcome counts as a failure of the module (failed, crashed, timed out, did not finish). */
    public boolean failing() {
        return isFailing(outcome);
    }

    /** Whether an outcome counts as a failure. */
    public static boolean isFailing(TestOutcome outcome) {
        return switch (outcome) {
            case TEST_OUTCOME_FAILED, TEST_OUTCOME_CRASHED, TEST_OUTCOME_TIMED_OUT, TEST_OUTCOME_NOT_RUN -> true;
            default -> false;
        };
    }
}
