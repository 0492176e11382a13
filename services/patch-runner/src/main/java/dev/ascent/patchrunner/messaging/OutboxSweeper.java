package dev.ascent.patchrunner.messaging;

import dev.ascent.patchrunner.config.PatchRunnerConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Publishes again what was stored but never acknowledged by Kafka (a crash, a Kafka outage): at start, everything
 * stored before; then periodically, what is older than one period and the acknowledgement deadline, so that a record
 * being published right now is not sent twice.
 */
@ApplicationScoped
public class OutboxSweeper {

    private static final Logger LOG = Logger.getLogger(OutboxSweeper.class);
    private static final Duration ACK_DEADLINE = Duration.ofSeconds(30);

    private final JobPublisher jobs;
    private final ContributionPublisher contributions;
    private final Clock clock;
    private final Duration interval;
    private ScheduledExecutorService executor;
    private Instant startedAt;
    private volatile boolean first = true;

    public OutboxSweeper(JobPublisher jobs, ContributionPublisher contributions, Clock clock,
            PatchRunnerConfig config) {
        this.jobs = jobs;
        this.contributions = contributions;
        this.clock = clock;
        this.interval = config.outboxInterval();
    }

    void onStart(@Observes StartupEvent event) {
        startedAt = clock.instant();
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "patch-runner-outbox");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::sweep, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private void sweep() {
        Instant cutoff = first ? startedAt : clock.instant().minus(interval.compareTo(ACK_DEADLINE) > 0 ? interval
                : ACK_DEADLINE);
        try {
            int j = jobs.publishUnpublished(cutoff);
            int c = contributions.publishUnpublished(cutoff);
            if (j + c > 0) {
                LOG.infof("published %d job(s) and %d contribution(s) Kafka had not acknowledged before", j, c);
            }
            first = false;
        } catch (RuntimeException e) {
            // the next sweep tries again; the outbox keeps everything until then
            LOG.warnf("outbox not published (tried again in %s): %s", interval, e.toString());
        }
    }
}
