package dev.ascent.patchrunner;

import dev.ascent.devstack.TestMongo;
import dev.ascent.patchrunner.messaging.ContributionPublisher;
import dev.ascent.patchrunner.messaging.JobPublisher;
import dev.ascent.patchrunner.messaging.TestJobCompletedConsumer;
import dev.ascent.patchrunner.messaging.TestJobProgressedConsumer;
import dev.ascent.patchrunner.messaging.WebhookReceivedConsumer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs patch-runner with its channels on the in-memory connector, its store on {@link TestMongo}, the ledger as a
 * {@link FakeLedger} and diffs from a {@link DiffServer}, both on loopback.
 */
public class PatchRunnerTestResource implements QuarkusTestResourceLifecycleManager {

    /** The property that tells tests the diff server's base URL. */
    public static final String DIFF_BASE = "test.patch-runner.diff-base";

    private final FakeLedger ledger = new FakeLedger();
    private final DiffServer diffs = new DiffServer();

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        config.putAll(InMemoryConnector.switchIncomingChannelsToInMemory(WebhookReceivedConsumer.WEBHOOKS,
                TestJobProgressedConsumer.PROGRESS, TestJobCompletedConsumer.RESULTS));
        config.putAll(InMemoryConnector.switchOutgoingChannelsToInMemory(JobPublisher.JOBS,
                ContributionPublisher.CONTRIBUTIONS, WebhookReceivedConsumer.DEAD_LETTERS,
                TestJobProgressedConsumer.DEAD_LETTERS, TestJobCompletedConsumer.DEAD_LETTERS));
        config.put("quarkus.mongodb.connection-string", TestMongo.uri());
        config.put("ascent.patch-runner.database", TestMongo.freshDatabase("ascent-patch-runner"));
        // in test mode a gRPC client's port is its test-port (else the app's own server's)
        config.put("quarkus.grpc.clients.ledger.host", "127.0.0.1");
        config.put("quarkus.grpc.clients.ledger.test-port", Integer.toString(ledger.start()));
        config.put("quarkus.grpc.clients.patchrunner.host", "127.0.0.1");
        config.put("ascent.patch-runner.ledger.retries", "1");
        config.put("ascent.patch-runner.ledger.retry-backoff", "PT0.01S");
        String base = diffs.start();
        config.put(DIFF_BASE, base);
        config.put("ascent.patch-runner.diff.hosts", "127.0.0.1");
        config.put("ascent.patch-runner.diff.retries", "1");
        config.put("ascent.patch-runner.diff.retry-backoff", "PT0.01S");
        // the tests drive the outbox themselves
        config.put("ascent.patch-runner.outbox-interval", "PT1H");
        return config;
    }

    @Override
    public void stop() {
        InMemoryConnector.clear();
        diffs.stop();
        try {
            ledger.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
