package dev.ascent.gateway.grpc;

import dev.ascent.devstack.TestMongo;
import dev.ascent.gateway.messaging.WebhookPublisher;
import dev.ascent.gateway.security.BearerTokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs the gateway with its Kafka channel on the in-memory connector, its store on {@link TestMongo}, one admin and
 * two API tokens, and patch-runner either a {@link FakePatchRunner} (injected into the test's field of that type) or,
 * with the argument {@code patch-runner=down}, a loopback port nothing listens on.
 */
public class GatewayTestResource implements QuarkusTestResourceLifecycleManager {

    static final String ADMIN_TOKEN = "admin-token";
    static final String BOT_TOKEN = "bot-token";
    static final String UNTRUSTED_TOKEN = "untrusted-token";
    static final BearerTokens.Holder ADMIN = new BearerTokens.Holder("root", 1, true);
    static final BearerTokens.Holder BOT_PERSON = new BearerTokens.Holder("ada", 11, false);

    private boolean down;
    private FakePatchRunner fake;

    @Override
    public void init(Map<String, String> args) {
        down = "down".equals(args.get("patch-runner"));
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        config.putAll(InMemoryConnector.switchOutgoingChannelsToInMemory(WebhookPublisher.CHANNEL));
        config.put("quarkus.mongodb.connection-string", TestMongo.uri());
        config.put("ascent.gateway.database", TestMongo.freshDatabase("ascent-gateway"));
        config.put("ascent.gateway.admin-tokens", BearerTokens.entry(ADMIN.login(), ADMIN.githubId(), ADMIN_TOKEN));
        config.put("ascent.gateway.api-tokens",
                BearerTokens.entry(BOT_PERSON.login(), BOT_PERSON.githubId(), BOT_TOKEN) + ","
                        + BearerTokens.entry(FakePatchRunner.UNTRUSTED, 66, UNTRUSTED_TOKEN));
        int port;
        if (down) {
            port = unusedPort();
        } else {
            fake = new FakePatchRunner();
            fake.start();
            port = fake.port();
        }
        // in tests a gRPC client goes to its test-port (by default the gateway's own server), not its port
        config.put("quarkus.grpc.clients.patch-runner.host", "127.0.0.1");
        config.put("quarkus.grpc.clients.patch-runner.test-port", String.valueOf(port));
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        if (fake != null) {
            injector.injectIntoFields(fake, new TestInjector.MatchesType(FakePatchRunner.class));
        }
    }

    @Override
    public void stop() {
        InMemoryConnector.clear();
        if (fake != null) {
            try {
                fake.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
