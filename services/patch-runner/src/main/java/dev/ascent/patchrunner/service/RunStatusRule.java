package dev.ascent.patchrunner.service;

import dev.ascent.patchrunner.Job;
import dev.ascent.patchrunner.JobOutcome;
import dev.ascent.patchrunner.RunStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A run's status from its jobs: in progress while any job has no result; then passed when every job that is not
 * informational passed, cancelled when the run was cancelled, failed otherwise.
 */
public final class RunStatusRule {

    private RunStatusRule() {
    }

    /** The status of a run with these jobs (at least one). */
    public static RunStatus status(List<Job> jobs, boolean cancelled) {
        if (jobs.isEmpty()) {
            throw new IllegalArgumentException("a run without jobs has no status to compute");
        }
        if (jobs.stream().anyMatch(j -> !j.finished())) {
            return RunStatus.IN_PROGRESS;
        }
        boolean passed = jobs.stream().filter(j -> !j.informational())
                .allMatch(j -> j.result() != null && j.result().outcome() == JobOutcome.PASSED);
        if (passed) {
            return RunStatus.PASSED;
        }
        return cancelled ? RunStatus.CANCELLED : RunStatus.FAILED;
    }

    /** When a run whose jobs all finished ended: the latest of its results' times. */
    public static Instant finishedAt(List<Job> jobs) {
        return jobs.stream().map(Job::result).filter(Objects::nonNull).map(r -> r.finishedAt())
                .max(Instant::compareTo)
                .orElseThrow(() -> new IllegalArgumentException("no job of the run has a result"));
    }
}
