package dev.ascent.patchrunner.service;

import dev.ascent.patchrunner.Job;
import dev.ascent.patchrunner.repository.RunStore;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The workers' side of a job: claims count attempts with a compare-and-set in MongoDB, so that two workers given
 * the same job (a redelivery after a lost worker) never both run the same attempt; heartbeats say whether an
 * attempt goes on.
 */
@ApplicationScoped
public class JobControl {

    private static final Logger LOG = Logger.getLogger(JobControl.class);
    // more lost compare-and-sets than concurrent claimants of one job could cause
    private static final int MAX_RACES = 20;

    private final RunStore store;
    private final RunKeeper keeper;
    private final ClaimRule rule;
    private final Clock clock;
    private final MeterRegistry metrics;

    public JobControl(RunStore store, RunKeeper keeper, ClaimRule rule, Clock clock, MeterRegistry metrics) {
        this.store = store;
        this.keeper = keeper;
        this.rule = rule;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** A worker's claim of a job. Blocking. */
    public ClaimDecision claim(String jobId, String worker) {
        for (int i = 0; i < MAX_RACES; i++) {
            Optional<Job> job = store.job(jobId);
            ClaimDecision d = rule.decide(job.orElse(null));
            if (d.run()) {
                if (store.claim(jobId, job.get().attempts(), worker, clock.instant()).isPresent()) {
                    LOG.infof("job %s: attempt %d by %s", jobId, d.attempt(), worker);
                    return counted(d);
                }
                continue; // another claim, a result or a cancellation came first: decide again on what is stored
            }
            if (d.records() != null) {
                keeper.recordOwnResult(job.get(), d.records(), d.reason());
            }
            LOG.infof("job %s: %s skips it (%s)", jobId, worker, d.reason());
            return counted(d);
        }
        throw new IllegalStateException("job " + jobId + " changed under " + MAX_RACES + " claims in a row");
    }

    /** A running attempt's heartbeat. Blocking. */
    public HeartbeatDecision heartbeat(String jobId, int attempt) {
        HeartbeatDecision d = HeartbeatRule.decide(store.job(jobId).orElse(null), attempt);
        if (d.action() != HeartbeatDecision.Action.ABANDON) {
            // the job's current attempt: its worker is alive
            store.heard(jobId, attempt, clock.instant());
        }
        return d;
    }

    private ClaimDecision counted(ClaimDecision d) {
        metrics.counter("ascent.patchrunner.claims", "decision", d.run() ? "run" : "skip").increment();
        return d;
    }
}
