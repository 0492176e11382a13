package dev.ascent.patchrunner.service;

import dev.ascent.patchrunner.Job;
import dev.ascent.patchrunner.JobOutcome;
import dev.ascent.patchrunner.JobState;
import dev.ascent.patchrunner.Run;
import dev.ascent.patchrunner.RunStatus;
import dev.ascent.patchrunner.mapping.RunMapping;
import dev.ascent.patchrunner.repository.RunStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The state changes of runs that several paths share: cancelling a pull request's runs in progress, recording a
 * result patch-runner decides itself, and settling a run's status once its jobs finished.
 */
@ApplicationScoped
public class RunKeeper {

    private static final Logger LOG = Logger.getLogger(RunKeeper.class);

    private final RunStore store;
    private final Clock clock;

    public RunKeeper(RunStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Cancels the pull request's runs in progress, except {@code keep} (the run of the trigger being handled, which
     * a redelivered webhook must not cancel). Jobs no worker started get their CANCELLED result now; running ones are
     * told to stop by their next heartbeat and report it themselves. Returns the cancelled runs' ids.
     */
    public List<String> cancelInProgress(String repository, long number, String reason, String keep) {
        List<String> cancelled = store.unfinished(repository, number).stream()
                .filter(id -> !Objects.equals(id, keep)).toList();
        for (String runId : cancelled) {
            store.markCancelled(runId, reason);
            store.cancelJobs(runId, reason);
            Optional<Run> run = store.run(runId);
            if (run.isEmpty()) {
                continue;
            }
            for (Job job : run.get().jobs()) {
                if (job.state() == JobState.QUEUED) {
                    store.recordResult(job.jobId(), RunMapping.ownResult(run.get(), job, JobOutcome.CANCELLED,
                            reason, clock.instant()), true);
                }
            }
            settle(runId);
            LOG.infof("run %s of %s#%d: %s", runId, repository, number, reason);
        }
        return cancelled;
    }

    /**
     * Records a result patch-runner decides itself (CANCELLED for a cancelled job, ERROR for attempts used up),
     * unless the job has one, then settles the run.
     */
    public void recordOwnResult(Job job, JobOutcome outcome, String detail) {
        Optional<Run> run = store.run(job.runId());
        if (run.isEmpty()) {
            LOG.warnf("job %s belongs to no stored run %s: no result recorded", job.jobId(), job.runId());
            return;
        }
        if (store.recordResult(job.jobId(), RunMapping.ownResult(run.get(), job, outcome, detail, clock.instant()),
                false)) {
            LOG.infof("job %s: %s (%s)", job.jobId(), outcome, detail);
        }
        settle(job.runId());
    }

    /**
     * Gives the run its final status once every job finished (idempotent: a settled run stays as it is). Returns the
     * run as stored afterwards.
     */
    public Optional<Run> settle(String runId) {
        Optional<Run> run = store.run(runId);
        if (run.isEmpty() || run.get().status().isFinal() || run.get().jobs().isEmpty()) {
            return run;
        }
        List<Job> jobs = run.get().jobs();
        RunStatus status = RunStatusRule.status(jobs, run.get().cancelled());
        if (status.isFinal()) {
            String detail = status == RunStatus.CANCELLED ? run.get().detail() : "";
            if (store.finish(runId, status, RunStatusRule.finishedAt(jobs), detail)) {
                LOG.infof("run %s of %s: %s", runId, run.get().pullRequest().key(), status);
            }
            return store.run(runId);
        }
        return run;
    }
}
