package dev.ascent.patchrunner.service;

import dev.ascent.patchrunner.Job;
import dev.ascent.patchrunner.JobResult;
import dev.ascent.patchrunner.Run;
import dev.ascent.patchrunner.mapping.ContributionMapping;
import dev.ascent.patchrunner.mapping.RunMapping;
import dev.ascent.patchrunner.messaging.ContributionPublisher;
import dev.ascent.patchrunner.repository.ContributionStore;
import dev.ascent.patchrunner.repository.RunStore;
import dev.ascent.proto.events.v1.ContributionRecorded;
import dev.ascent.proto.vm.v1.TestJobCompleted;
import dev.ascent.proto.vm.v1.TestJobProgressed;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * What the workers report: progress of running attempts, and results, of which the first per job wins. A result
 * settles its run and, when it passed, credits the author with patch.passed (stored, published, marked). Handling
 * the same report again changes nothing, and completes what a crash may have left undone.
 */
@ApplicationScoped
public class ResultService {

    private static final Logger LOG = Logger.getLogger(ResultService.class);

    private final RunStore runs;
    private final RunKeeper keeper;
    private final ContributionStore contributions;
    private final ContributionPublisher publisher;
    private final PatchPassedRule patchPassed;
    private final Clock clock;
    private final Counter laterResults;
    private final Counter ignoredProgress;

    public ResultService(RunStore runs, RunKeeper keeper, ContributionStore contributions,
            ContributionPublisher publisher, PatchPassedRule patchPassed, Clock clock, MeterRegistry metrics) {
        this.runs = runs;
        this.keeper = keeper;
        this.contributions = contributions;
        this.publisher = publisher;
        this.patchPassed = patchPassed;
        this.clock = clock;
        this.laterResults = Counter.builder("ascent.patchrunner.results.ignored")
                .description("Results of jobs that had one already (the first wins), or of unknown jobs")
                .register(metrics);
        this.ignoredProgress = Counter.builder("ascent.patchrunner.progress.ignored")
                .description("Progress of finished jobs, of attempts that are not the latest, or of unknown jobs")
                .register(metrics);
    }

    /** Keeps the progress when it is of the job's current attempt and the job is running. Blocking. */
    public boolean progress(TestJobProgressed p) {
        boolean kept = runs.recordProgress(p.getJobId(), p.getAttempt(), p.toByteArray());
        if (!kept) {
            ignoredProgress.increment();
        }
        return kept;
    }

    /** Records a worker's result if it is the job's first; returns whether it was. Blocking. */
    public boolean result(TestJobCompleted r) {
        JobResult result = RunMapping.fromProto(r, clock.instant());
        boolean first = runs.recordResult(r.getJobId(), result, false);
        Optional<Job> job = runs.job(r.getJobId());
        if (!first) {
            laterResults.increment();
            LOG.debugf("result of job %s (attempt %d, %s) ignored: %s", r.getJobId(), r.getAttempt(),
                    result.outcome(), job.isPresent() ? "it has one" : "unknown job");
        }
        if (job.isEmpty()) {
            return false;
        }
        // also for a repeated result: the crash that caused the redelivery may have come before these
        Optional<Run> run = keeper.settle(job.get().runId());
        if (run.isPresent()) {
            credit(run.get(), job.get());
        }
        return first;
    }

    private void credit(Run run, Job job) {
        if (!patchPassed.earns(run, job)) {
            return;
        }
        ContributionRecorded c = ContributionMapping.toEvent(run, job);
        if (contributions.insert(c, clock.instant())) {
            LOG.infof("%s credited to %s", c.getEventId(), run.pullRequest().author().login());
        }
        publisher.publishIfUnpublished(c.getEventId());
    }
}
