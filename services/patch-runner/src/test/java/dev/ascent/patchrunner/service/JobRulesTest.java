package dev.ascent.patchrunner.service;

import static dev.ascent.patchrunner.Fixtures.T0;
import static dev.ascent.patchrunner.Fixtures.cancelled;
import static dev.ascent.patchrunner.Fixtures.finished;
import static dev.ascent.patchrunner.Fixtures.queued;
import static dev.ascent.patchrunner.Fixtures.running;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ascent.patchrunner.JobOutcome;
import dev.ascent.patchrunner.service.HeartbeatDecision.Action;
import org.junit.jupiter.api.Test;

/** The claim and heartbeat decisions of the workers' API. */
class JobRulesTest {

    final ClaimRule claims = new ClaimRule(3);

    @Test
    void aQueuedJobRunsAsItsFirstAttempt() {
        ClaimDecision d = claims.decide(queued("amd64", false));
        assertTrue(d.run());
        assertEquals(1, d.attempt());
        assertNull(d.records());
    }

    @Test
    void aLostWorkersJobRunsAgainUpToThreeTimesInAll() {
        assertEquals(2, claims.decide(running("amd64", 1)).attempt());
        assertEquals(3, claims.decide(running("amd64", 2)).attempt());
        ClaimDecision fourth = claims.decide(running("amd64", 3));
        assertFalse(fourth.run());
        assertEquals(JobOutcome.ERROR, fourth.records());
        assertEquals("3 attempts were started and none finished", fourth.reason());
    }

    @Test
    void anUnknownOrFinishedJobIsSkippedWithNothingRecorded() {
        ClaimDecision unknown = claims.decide(null);
        assertFalse(unknown.run());
        assertEquals("unknown job", unknown.reason());
        assertNull(unknown.records());
        ClaimDecision done = claims.decide(finished("amd64", false, JobOutcome.PASSED, T0));
        assertFalse(done.run());
        assertNull(done.records());
        assertEquals("the job already has a result", done.reason());
    }

    @Test
    void aCancelledJobIsSkippedAndRecordedCancelledEvenWithAttemptsLeft() {
        ClaimDecision d = claims.decide(cancelled(running("arm64", 1), "cancelled by a newer push"));
        assertFalse(d.run());
        assertEquals(JobOutcome.CANCELLED, d.records());
        assertEquals("cancelled by a newer push", d.reason());
    }

    @Test
    void aFinishedJobWinsOverItsCancellation() {
        ClaimDecision d = claims.decide(cancelled(finished("amd64", false, JobOutcome.FAILED, T0), "x"));
        assertNull(d.records());
    }

    @Test
    void theAttemptLimitIsConfigurableButPositive() {
        ClaimRule one = new ClaimRule(1);
        assertEquals(JobOutcome.ERROR, one.decide(running("amd64", 1)).records());
        assertThrows(IllegalArgumentException.class, () -> new ClaimRule(0));
    }

    @Test
    void theLatestUnfinishedAttemptContinues() {
        assertEquals(Action.CONTINUE, HeartbeatRule.decide(running("amd64", 2), 2).action());
    }

    @Test
    void aCancelledJobsAttemptIsToldToCancel() {
        HeartbeatDecision d = HeartbeatRule.decide(cancelled(running("amd64", 1), "cancelled by a newer push"), 1);
        assertEquals(Action.CANCEL, d.action());
        assertEquals("cancelled by a newer push", d.reason());
    }

    @Test
    void anAttemptTakenOverOrOfAFinishedJobIsAbandoned() {
        HeartbeatDecision older = HeartbeatRule.decide(running("amd64", 2), 1);
        assertEquals(Action.ABANDON, older.action());
        assertEquals("attempt 2 took the job over", older.reason());
        assertEquals(Action.ABANDON, HeartbeatRule.decide(finished("amd64", false, JobOutcome.PASSED, T0), 1)
                .action());
        // a cancelled job that already has its CANCELLED result: nothing left to report
        assertEquals(Action.ABANDON, HeartbeatRule.decide(cancelled(finished("amd64", false, JobOutcome.CANCELLED,
                T0), "x"), 1).action());
        assertEquals(Action.ABANDON, HeartbeatRule.decide(null, 1).action());
        assertEquals(Action.ABANDON, HeartbeatRule.decide(running("amd64", 1), 2).action());
    }

    @Test
    void aTakenOverAttemptOfACancelledJobIsAbandonedNotCancelled() {
        // only the latest attempt reports the CANCELLED result
        assertEquals(Action.ABANDON, HeartbeatRule.decide(cancelled(running("amd64", 2), "x"), 1).action());
    }
}
