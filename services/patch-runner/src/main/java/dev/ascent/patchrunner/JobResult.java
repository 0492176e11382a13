package dev.ascent.patchrunner;

import java.time.Instant;
import java.util.Objects;

/**
 * A job's result: the first one a worker published, or one patch-runner recorded itself (CANCELLED for a job
 * cancelled before any worker took it, ERROR for attempts used up).
 *
 * @param outcome how the job ended
 * @param detail one sentence on it
 * @param attempt the attempt that produced it; 0 when no worker ever started the job
 * @param finishedAt when it ended
 * @param record the result as published (an {@code ascent.vm.v1.TestJobCompleted}), kept as it was sent
 */
public record JobResult(JobOutcome outcome, String detail, int attempt, Instant finishedAt, byte[] record) {

    public JobResult {
        Objects.requireNonNull(outcome, "outcome");
        detail = detail == null ? "" : detail;
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(record, "record");
    }
}
