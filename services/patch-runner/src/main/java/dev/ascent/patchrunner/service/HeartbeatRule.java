package dev.ascent.patchrunner.service;

import dev.ascent.patchrunner.Job;

/**
 * Whether a running attempt goes on: while it is the job's latest, the job has no result and was not cancelled.
 * A cancelled job's attempt stops and reports CANCELLED; an attempt another one took over, or of a job that already
 * has a result, stops and reports nothing.
 */
public final class HeartbeatRule {

    private HeartbeatRule() {
    }

    /** The decision for attempt {@code attempt} of a job as stored now; {@code job} null when none is stored. */
    public static HeartbeatDecision decide(Job job, int attempt) {
        if (job == null) {
            return HeartbeatDecision.abandon("unknown job");
        }
        if (job.finished()) {
            return HeartbeatDecision.abandon("the job already has a result");
        }
        if (attempt < job.attempts()) {
            return HeartbeatDecision.abandon("attempt " + job.attempts() + " took the job over");
        }
        if (attempt > job.attempts()) {
            return HeartbeatDecision.abandon("attempt " + attempt + " was never claimed");
        }
        if (job.cancelled()) {
            return HeartbeatDecision.cancel(job.cancelReason().isEmpty() ? "cancelled" : job.cancelReason());
        }
        return HeartbeatDecision.proceed();
    }
}
