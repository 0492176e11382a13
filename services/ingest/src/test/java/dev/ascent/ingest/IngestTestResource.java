package dev.ascent.ingest;

import dev.ascent.devstack.TestMongo;

import dev.ascent.ingest.messaging.ContributionPublisher;
import dev.ascent.ingest.messaging.WebhookReceivedConsumer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import java.util.HashMap;
import java.util.Map;

/** Runs the ingest app with its channels on the in-memory connector and its store on {@link TestMongo}. */
public class IngestTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        config.putAll(InMemoryConnector.switchIncomingChannelsToInMemory(WebhookReceivedConsumer.WEBHOOKS));
        config.putAll(InMemoryConnector.switchOutgoingChannelsToInMemory(ContributionPublisher.CONTRIBUTIONS));
        config.put("quarkus.mongodb.connection-string", TestMongo.uri());
        config.put("ascent.ingest.database", TestMongo.freshDatabase("ascent-ingest"));
        config.put("quarkus.grpc.clients.identity.host", "127.0.0.1");
        return config;
    }

    @Override
    public void stop() {
        InMemoryConnector.clear();
    }
}
