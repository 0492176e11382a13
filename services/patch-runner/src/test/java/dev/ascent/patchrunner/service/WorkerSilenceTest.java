package dev.ascent.patchrunner.service;

import static dev.ascent.patchrunner.Fixtures.T0;
import static dev.ascent.patchrunner.Fixtures.finished;
import static dev.ascent.patchrunner.Fixtures.queued;
import static dev.ascent.patchrunner.Fixtures.running;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ascent.patchrunner.Job;
import dev.ascent.patchrunner.JobOutcome;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WorkerSilenceTest {

    static final WorkerSilence MINUTE = new WorkerSilence(Duration.ofMinutes(1));

    @Test
    void aRunningJobsWorkerIsSilentOnlyAfterTheWholeWhile() {
        Job heardAtT0 = running("amd64", 1);
        assertFalse(MINUTE.silent(heardAtT0, T0.plusSeconds(60)));
        assertTrue(MINUTE.silent(heardAtT0, T0.plusSeconds(61)));
    }

    @Test
    void aHeartbeatMakesItHeardAgain() {
        Job r = running("amd64", 1);
        Job heardLater = new Job(r.jobId(), r.runId(), r.arch(), r.index(), r.informational(), r.state(),
                r.attempts(), r.worker(), r.queuedAt(), r.startedAt(), T0.plusSeconds(50), false, "", true, null,
                null);
        assertFalse(MINUTE.silent(heardLater, T0.plusSeconds(90)));
        assertTrue(MINUTE.silent(heardLater, T0.plusSeconds(111)));
    }

    @Test
    void aJobStoredBeforeHeartbeatsWereKeptCountsFromItsStart() {
        Job r = running("amd64", 1);
        Job noHeardAt = new Job(r.jobId(), r.runId(), r.arch(), r.index(), r.informational(), r.state(),
                r.attempts(), r.worker(), r.queuedAt(), T0.plusSeconds(30), null, false, "", true, null, null);
        assertFalse(MINUTE.silent(noHeardAt, T0.plusSeconds(90)));
        assertTrue(MINUTE.silent(noHeardAt, T0.plusSeconds(91)));
    }

    @Test
    void queuedAndFinishedJobsHaveNoWorkerToBeSilent() {
        assertFalse(MINUTE.silent(queued("arm64", false), T0.plusSeconds(3600)));
        assertFalse(MINUTE.silent(finished("arm64", false, JobOutcome.PASSED, T0), T0.plusSeconds(3600)));
    }

    @Test
    void aSilenceOfNoLengthIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new WorkerSilence(Duration.ZERO));
    }
}
