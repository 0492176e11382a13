package dev.ascent.patchrunner.service;

import dev.ascent.patchrunner.Job;
import dev.ascent.patchrunner.JobState;
import java.time.Duration;
import java.time.Instant;

/**
 * Whether a running job's worker has gone silent: nothing heard from it (its claim, then a heartbeat every few
 * seconds) for longer than {@code after}. Such a worker is most likely lost; Kafka gives the job to another worker of
 * the architecture, which claims it as the next attempt, and until one is there the job waits. A worker that was only
 * cut off speaks again with its next heartbeat, and is no longer silent.
 */
public record WorkerSilence(Duration after) {

    public WorkerSilence {
        if (after.isNegative() || after.isZero()) {
            throw new IllegalArgumentException("a worker's silence must last a while to count: " + after);
        }
    }

    public boolean silent(Job job, Instant now) {
        Instant heard = job.heardAt() != null ? job.heardAt() : job.startedAt();
        return job.state() == JobState.RUNNING && heard != null && heard.plus(after).isBefore(now);
    }
}
