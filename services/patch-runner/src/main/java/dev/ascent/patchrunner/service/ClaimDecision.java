package dev.ascent.patchrunner.service;

import dev.ascent.patchrunner.JobOutcome;

/**
 * The answer to a worker's claim of a job.
 *
 * @param run whether the worker runs the job
 * @param attempt when it runs: this attempt's number, from 1
 * @param reason when it does not: why
 * @param records when it does not and patch-runner records the job's result itself: that outcome (CANCELLED for a
 *     cancelled job, ERROR for attempts used up), else null
 */
public record ClaimDecision(boolean run, int attempt, String reason, JobOutcome records) {

    public static ClaimDecision run(int attempt) {
        return new ClaimDecision(true, attempt, "", null);
    }

    public static ClaimDecision skip(String reason) {
        return new ClaimDecision(false, 0, reason, null);
    }

    public static ClaimDecision skipRecording(JobOutcome outcome, String reason) {
        return new ClaimDecision(false, 0, reason, outcome);
    }
}
