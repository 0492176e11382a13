package dev.ascent.patchrunner.service;

import dev.ascent.patchrunner.Job;
import dev.ascent.patchrunner.JobOutcome;

/**
 * Whether a worker may start a job it took from Kafka: a job runs at most {@code maxAttempts} times (the first
 * attempt and those after a lost worker), never after it has a result or was cancelled.
 */
public final class ClaimRule {

    private final int maxAttempts;

    public ClaimRule(int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be at least 1, not " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
    }

    /** The decision for a job as stored now; {@code job} null when no such job is stored. */
    public ClaimDecision decide(Job job) {
        if (job == null) {
            return ClaimDecision.skip("unknown job");
        }
        if (job.finished()) {
            return ClaimDecision.skip("the job already has a result");
        }
        if (job.cancelled()) {
            return ClaimDecision.skipRecording(JobOutcome.CANCELLED,
                    job.cancelReason().isEmpty() ? "cancelled" : job.cancelReason());
        }
        if (job.attempts() >= maxAttempts) {
            return ClaimDecision.skipRecording(JobOutcome.ERROR, usedUp());
        }
        return ClaimDecision.run(job.attempts() + 1);
    }

    /** The detail of the ERROR result of a job whose attempts are used up. */
    public String usedUp() {
        return maxAttempts + " attempts were started and none finished";
    }

    public int maxAttempts() {
        return maxAttempts;
    }
}
