package dev.ascent.vmworker.health;

import dev.ascent.vmworker.messaging.JobLoop;
import dev.ascent.vmworker.messaging.WorkerApp;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * UP while the job loop polls Kafka (it polls every second, also during a job), with the job in hand and the warm
 * baselines' states; DOWN before it started or when it stopped polling.
 */
@Liveness
@Readiness
@ApplicationScoped
public class WorkerHealth implements HealthCheck {

    private static final Duration SILENCE = Duration.ofSeconds(60);

    private final WorkerApp app;

    public WorkerHealth(WorkerApp app) {
        this.app = app;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("job-loop");
        JobLoop loop = app.loop();
        if (loop == null) {
            return b.down().withData("reason", "the job loop has not started").build();
        }
        JobLoop.Status s = loop.status();
        app.baselines().forEach((base, state) -> b.withData("baseline " + base, state));
        b.withData("job", s.currentJob()).withData("jobs done", s.jobsDone());
        boolean polling = s.polling() && s.lastPoll().isAfter(Instant.now().minus(SILENCE));
        String why = s.lastPoll().equals(Instant.EPOCH) ? "it has not polled Kafka yet"
                : "no poll since " + s.lastPoll();
        return (polling ? b.up() : b.down().withData("reason", why)).build();
    }
}
