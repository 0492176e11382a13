package dev.ascent.patchrunner.service;

import dev.ascent.patchrunner.Job;
import dev.ascent.patchrunner.JobOutcome;
import dev.ascent.patchrunner.RunStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A run's status from its jobs. The jobs that decide it are those that are not informational (all of them, in a run
 * of informational jobs only). In progress while any deciding job has no result; then passed when every deciding job
 * passed, cancelled when the run was cancelled, failed otherwise. An informational job never holds the verdict back:
 * like a buildbot outside PEP 11's tiers, its result shows on its job when it comes, and a run ends even where no
 * worker serves that architecture.
 */
public final class RunStatusRule {

    private RunStatusRule() {
    }

    /** The status of a run with these jobs (at least one). */
    public static RunStatus status(List<Job> jobs, boolean cancelled) {
        if (jobs.isEmpty()) {
            throw new IllegalArgumentException("a run without jobs has no status to compute");
        }
        boolean allInformational = jobs.stream().allMatch(Job::informational);
        List<Job> deciding = jobs.stream().filter(j -> allInformational || !j.informational()).toList();
        if (deciding.stream().anyMatch(j -> !j.finished())) {
            return RunStatus.IN_PROGRESS;
        }
        boolean passed = deciding.stream()
                .allMatch(j -> j.result() != null && j.result().outcome() == JobOutcome.PASSED);
        if (passed) {
            return RunStatus.PASSED;
        }
        return cancelled ? RunStatus.CANCELLED : RunStatus.FAILED;
    }

    /** When a run whose status is final ended: the latest of its results' times so far. */
    public static Instant finishedAt(List<Job> jobs) {
        return jobs.stream().map(Job::result).filter(Objects::nonNull).map(r -> r.finishedAt())
                .max(Instant::compareTo)
                .orElseThrow(() -> new IllegalArgumentException("no job of the run has a result"));
    }
}
