package dev.ascent.patchrunner.service;

import static dev.ascent.patchrunner.Fixtures.T0;
import static dev.ascent.patchrunner.Fixtures.finished;
import static dev.ascent.patchrunner.Fixtures.queued;
import static dev.ascent.patchrunner.Fixtures.running;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ascent.patchrunner.JobOutcome;
import dev.ascent.patchrunner.RunStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunStatusRuleTest {

    @Test
    void inProgressWhileAnyJobThatIsNotInformationalHasNoResult() {
        assertEquals(RunStatus.IN_PROGRESS, RunStatusRule.status(List.of(
                finished("amd64", false, JobOutcome.PASSED, T0), running("arm64", 1)), false));
        assertEquals(RunStatus.IN_PROGRESS, RunStatusRule.status(List.of(
                finished("amd64", false, JobOutcome.FAILED, T0), queued("arm64", false), queued("riscv64", true)),
                true));
    }

    @Test
    void anInformationalJobWithoutResultDoesNotHoldTheVerdict() {
        assertEquals(RunStatus.PASSED, RunStatusRule.status(List.of(
                finished("amd64", false, JobOutcome.PASSED, T0), finished("arm64", false, JobOutcome.PASSED, T0),
                queued("riscv64", true)), false));
        assertEquals(RunStatus.FAILED, RunStatusRule.status(List.of(
                finished("amd64", false, JobOutcome.FAILED, T0), queued("riscv64", true)), false));
    }

    @Test
    void aRunOfInformationalJobsOnlyWaitsForThemAll() {
        assertEquals(RunStatus.IN_PROGRESS, RunStatusRule.status(List.of(queued("riscv64", true)), false));
        assertEquals(RunStatus.FAILED, RunStatusRule.status(List.of(
                finished("riscv64", true, JobOutcome.FAILED, T0)), false));
        assertEquals(RunStatus.PASSED, RunStatusRule.status(List.of(
                finished("riscv64", true, JobOutcome.PASSED, T0)), false));
    }

    @Test
    void passedWhenEveryJobThatIsNotInformationalPassed() {
        assertEquals(RunStatus.PASSED, RunStatusRule.status(List.of(
                finished("amd64", false, JobOutcome.PASSED, T0),
                finished("arm64", false, JobOutcome.PASSED, T0),
                finished("riscv64", true, JobOutcome.FAILED, T0)), false));
    }

    @Test
    void failedWhenAJobThatIsNotInformationalEndedOtherwise() {
        for (JobOutcome o : List.of(JobOutcome.FAILED, JobOutcome.BUILD_FAILED, JobOutcome.PATCH_FAILED,
                JobOutcome.TIMEOUT, JobOutcome.KILLED, JobOutcome.ERROR)) {
            assertEquals(RunStatus.FAILED, RunStatusRule.status(List.of(
                    finished("amd64", false, JobOutcome.PASSED, T0),
                    finished("arm64", false, o, T0),
                    finished("riscv64", true, JobOutcome.PASSED, T0)), false), o.name());
        }
    }

    @Test
    void cancelledWhenTheRunWasCancelledAndDidNotPass() {
        List<dev.ascent.patchrunner.Job> jobs = List.of(finished("amd64", false, JobOutcome.CANCELLED, T0),
                finished("arm64", false, JobOutcome.PASSED, T0));
        assertEquals(RunStatus.CANCELLED, RunStatusRule.status(jobs, true));
        // a cancellation that came after every gating job passed changes nothing
        assertEquals(RunStatus.PASSED, RunStatusRule.status(List.of(finished("amd64", false, JobOutcome.PASSED, T0),
                finished("riscv64", true, JobOutcome.CANCELLED, T0)), true));
    }

    @Test
    void theRunFinishedWithItsLastResult() {
        assertEquals(T0.plusSeconds(90), RunStatusRule.finishedAt(List.of(
                finished("amd64", false, JobOutcome.PASSED, T0.plusSeconds(90)),
                finished("arm64", false, JobOutcome.PASSED, T0.plusSeconds(30)))));
    }

    @Test
    void aRunWithoutJobsHasNoStatusToCompute() {
        assertThrows(IllegalArgumentException.class, () -> RunStatusRule.status(List.of(), false));
    }
}
