package dev.ascent.ledger.grpc;

import dev.ascent.devstack.TestMongo;
import dev.ascent.ledger.messaging.ContributionConsumer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import java.util.HashMap;
import java.util.Map;

/** Runs the ledger with its channels on the in-memory connector and its store on {@link TestMongo}. */
public class LedgerTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        config.putAll(InMemoryConnector.switchIncomingChannelsToInMemory(ContributionConsumer.CHANNEL));
        config.putAll(InMemoryConnector.switchOutgoingChannelsToInMemory(ContributionConsumer.DEAD_LETTERS));
        config.put("quarkus.mongodb.connection-string", TestMongo.uri());
        config.put("ascent.ledger.database", TestMongo.freshDatabase("ascent-ledger"));
        config.put("quarkus.grpc.clients.ledger.host", "127.0.0.1");
        return config;
    }

    @Override
    public void stop() {
        InMemoryConnector.clear();
    }
}
