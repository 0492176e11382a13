package dev.ascent.patchrunner.service;

import dev.ascent.patchrunner.Job;
import dev.ascent.patchrunner.Person;
import dev.ascent.patchrunner.PullRequest;
import dev.ascent.patchrunner.PullRequestEvent;
import dev.ascent.patchrunner.Run;
import dev.ascent.patchrunner.RunStatus;
import dev.ascent.patchrunner.Scope;
import dev.ascent.patchrunner.client.DiffFetcher;
import dev.ascent.patchrunner.mapping.RunMapping;
import dev.ascent.patchrunner.messaging.JobPublisher;
import dev.ascent.patchrunner.repository.PullRequestStore;
import dev.ascent.patchrunner.repository.RunStore;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Starts runs: from pull_request webhooks (as {@link TriggerPolicy} decides) and from re-run requests. Write first,
 * emit after: a run and its jobs are stored, marked not yet published, then published on {@code vm.jobs.<arch>} and
 * marked published.
 */
@ApplicationScoped
public class PatchRunService {

    private static final Logger LOG = Logger.getLogger(PatchRunService.class);

    private final RunStore runs;
    private final PullRequestStore pullRequests;
    private final RunKeeper keeper;
    private final TriggerPolicy policy;
    private final TrustService trust;
    private final DiffFetcher diffs;
    private final JobPublisher publisher;
    private final Settings settings;
    private final Clock clock;
    private final MeterRegistry metrics;

    public PatchRunService(RunStore runs, PullRequestStore pullRequests, RunKeeper keeper, TriggerPolicy policy,
            TrustService trust, DiffFetcher diffs, JobPublisher publisher, Settings settings, Clock clock,
            MeterRegistry metrics) {
        this.runs = runs;
        this.pullRequests = pullRequests;
        this.keeper = keeper;
        this.policy = policy;
        this.trust = trust;
        this.diffs = diffs;
        this.publisher = publisher;
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** The run id of a webhook's run: the same delivery, however often delivered, is the same run. */
    public static String runIdOf(String deliveryId) {
        return UUID.nameUUIDFromBytes(("github-delivery:" + deliveryId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * Handles a pull_request webhook of a served repository: keeps the pull request's state, then cancels and starts
     * as decided. Returns what happened, for the log. Blocking; throws
     * {@link dev.ascent.patchrunner.client.LedgerUnavailableException} when trust depends on an unreachable ledger.
     */
    public String handleWebhook(PullRequestEvent event) {
        PullRequest pr = event.pullRequest();
        if (!pullRequests.record(pr, event.deliveryId())) {
            return "older than the state already seen of " + pr.key() + ": nothing done";
        }
        String runId = runIdOf(event.deliveryId());
        if (runs.exists(runId)) {
            // delivered again after its run was stored: only what may not have been published yet
            publisher.publishRun(runId);
            return "run " + runId + " exists already (delivered again)";
        }
        TriggerDecision d = policy.decide(event, trust::byLedger);
        if (d.cancelNow() != null) {
            keeper.cancelInProgress(pr.repository(), pr.number(), d.cancelNow(), runId);
        }
        if (!d.startsRun()) {
            return d.note();
        }
        Run run = start(runId, pr, d.requestedBy(), d.trigger(), event.deliveryId(), Scope.SELECTED);
        return "run " + run.runId() + " " + run.status() + ": " + d.trigger();
    }

    /**
     * A re-run of a pull request's latest head as the webhooks showed it, for a caller who is an admin or trusted by
     * the ledger. Cancels the runs in progress, as a push would. Blocking.
     */
    public Run requestRun(String repository, long number, Scope scope, Person caller, boolean admin) {
        if (!policy.serves(repository)) {
            throw new RequestRefused(RequestRefused.Kind.FAILED_PRECONDITION, "repository " + repository
                    + " is not served by patch-runner");
        }
        Trust t = admin ? Trust.yes("admin") : trust.byLedger(caller);
        if (!t.trusted()) {
            throw new RequestRefused(RequestRefused.Kind.PERMISSION_DENIED, caller.login() + " may not request "
                    + "runs (" + t.why() + "): an admin or a person whose role is " + trustedRole()
                    + " or above may");
        }
        PullRequest pr = pullRequests.find(repository, number).orElseThrow(() -> new RequestRefused(
                RequestRefused.Kind.NOT_FOUND, "pull request " + PullRequest.key(repository, number)
                        + " was never seen (no webhook of it)"));
        if (!pr.open()) {
            throw new RequestRefused(RequestRefused.Kind.FAILED_PRECONDITION, "pull request " + pr.key()
                    + " is closed");
        }
        String trigger = "re-run requested by " + caller.login();
        String runId = UUID.randomUUID().toString();
        keeper.cancelInProgress(pr.repository(), pr.number(), "cancelled by a " + trigger, runId);
        return start(runId, pr, caller, trigger, "", scope);
    }

    public Optional<Run> run(String runId) {
        return runs.run(runId);
    }

    /** A pull request's runs, newest first. */
    public List<Run> runsOf(String repository, long number, int limit) {
        return runs.runsOf(repository, number, limit);
    }

    /**
     * Fetches the diff and stores the run with one job per architecture, then publishes the jobs. A diff that cannot
     * be fetched or is too large makes the run ERROR, with the reason and no job.
     */
    Run start(String runId, PullRequest pr, Person requestedBy, String trigger, String deliveryId, Scope scope) {
        Instant now = clock.instant();
        DiffFetcher.Outcome diff = diffs.fetch(pr.diffUrl());
        if (diff instanceof DiffFetcher.Failed failed) {
            Run run = new Run(runId, pr, requestedBy, trigger, deliveryId, now, now, RunStatus.ERROR,
                    failed.detail(), false, scope, 0, "", List.of());
            runs.insertRun(run);
            count(run);
            LOG.infof("run %s of %s could not start: %s", runId, pr.key(), failed.detail());
            return runs.run(runId).orElse(run);
        }
        byte[] patch = ((DiffFetcher.Fetched) diff).diff();
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < settings.architectures().size(); i++) {
            String arch = settings.architectures().get(i);
            jobs.add(Job.queued(runId, arch, i, settings.isInformational(arch), now));
        }
        Run run = new Run(runId, pr, requestedBy, trigger, deliveryId, now, null, RunStatus.IN_PROGRESS, "", false,
                scope, patch.length, sha256(patch), jobs);
        Map<String, byte[]> requests = new LinkedHashMap<>();
        for (Job j : jobs) {
            requests.put(j.jobId(), RunMapping.toRequest(run, j, patch).toByteArray());
        }
        // jobs first: the run's presence marks a complete run, and the outbox sends only jobs of stored runs
        runs.insertJobs(jobs, requests);
        runs.insertRun(run);
        count(run);
        int sent = publisher.publishRun(runId);
        LOG.infof("run %s of %s at %s: %d of %d job(s) published (%s)", runId, pr.key(), pr.headSha(), sent,
                jobs.size(), trigger);
        return runs.run(runId).orElse(run);
    }

    private String trustedRole() {
        return policy.trustedRole();
    }

    private void count(Run run) {
        metrics.counter("ascent.patchrunner.runs.started", "status", run.status().name()).increment();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }
}
