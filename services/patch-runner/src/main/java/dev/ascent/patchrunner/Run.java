package dev.ascent.patchrunner;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One run: one trigger of one pull request's head, with one job per configured architecture (none when the run
 * could not start).
 *
 * @param runId derived from the webhook's delivery id, so a redelivered webhook is the same run; random for a re-run
 * @param pullRequest the pull request as the trigger saw it (head, base, author, pages)
 * @param requestedBy who started it: the author (a push), the labeler, the re-run's caller
 * @param trigger why it started, in one sentence
 * @param deliveryId the webhook that started it, or "" for a re-run request
 * @param createdAt when it was stored
 * @param finishedAt when it reached a final status, or null
 * @param status its overall status
 * @param detail why it is ERROR or CANCELLED, else ""
 * @param cancelled cancelled before it finished (jobs still running are asked to stop)
 * @param scope which tests the jobs run
 * @param patchBytes the size of the tested diff
 * @param patchSha256 the SHA-256 (hex) of the tested diff, or ""
 * @param jobs one per architecture, in the configured order
 */
public record Run(String runId, PullRequest pullRequest, Person requestedBy, String trigger, String deliveryId,
        Instant createdAt, Instant finishedAt, RunStatus status, String detail, boolean cancelled, Scope scope,
        long patchBytes, String patchSha256, List<Job> jobs) {

    public Run {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(pullRequest, "pullRequest");
        Objects.requireNonNull(requestedBy, "requestedBy");
        trigger = trigger == null ? "" : trigger;
        deliveryId = deliveryId == null ? "" : deliveryId;
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(status, "status");
        detail = detail == null ? "" : detail;
        Objects.requireNonNull(scope, "scope");
        patchSha256 = patchSha256 == null ? "" : patchSha256;
        jobs = List.copyOf(jobs == null ? List.of() : jobs);
    }

    /** The same run with these jobs. */
    public Run withJobs(List<Job> jobs) {
        return new Run(runId, pullRequest, requestedBy, trigger, deliveryId, createdAt, finishedAt, status, detail,
                cancelled, scope, patchBytes, patchSha256, jobs);
    }
}
