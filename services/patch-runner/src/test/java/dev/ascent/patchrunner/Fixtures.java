package dev.ascent.patchrunner;

import java.time.Instant;
import java.util.List;

/** Domain values for the plain tests. */
public final class Fixtures {

    public static final Instant T0 = Instant.parse("2026-03-04T05:06:07Z");
    public static final Person AUTHOR = new Person(4567, "ada");

    private Fixtures() {
    }

    public static PullRequest pullRequest(Person author, boolean bot) {
        return new PullRequest("python/cpython", 123, "abc123", "main",
                "https://github.com/python/cpython/pull/123.diff", "https://github.com/python/cpython/pull/123",
                author, bot, "CONTRIBUTOR", true, T0);
    }

    public static Run run(List<Job> jobs) {
        return new Run("run-1", pullRequest(AUTHOR, false), AUTHOR, "opened by a trusted author (MEMBER)",
                "delivery-1", T0, null, RunStatus.IN_PROGRESS, "", false, Scope.SELECTED, 10, "00", jobs);
    }

    public static Job queued(String arch, boolean informational) {
        return Job.queued("run-1", arch, 0, informational, T0);
    }

    public static Job running(String arch, int attempts) {
        return new Job(Job.id("run-1", arch), "run-1", arch, 0, false, JobState.RUNNING, attempts, "w1", T0, T0,
                T0, false, "", true, null, null);
    }

    public static Job cancelled(Job j, String reason) {
        return new Job(j.jobId(), j.runId(), j.arch(), j.index(), j.informational(), j.state(), j.attempts(),
                j.worker(), j.queuedAt(), j.startedAt(), j.heardAt(), true, reason, j.published(), j.progress(),
                j.result());
    }

    public static Job finished(String arch, boolean informational, JobOutcome outcome, Instant at) {
        return new Job(Job.id("run-1", arch), "run-1", arch, 0, informational, JobState.FINISHED, 1, "w1", T0, T0,
                T0, false, "", true, null, new JobResult(outcome, "", 1, at, new byte[0]));
    }
}
