package dev.ascent.ingest.messaging;

import dev.ascent.ingest.RawWebhook;
import dev.ascent.ingest.service.IngestService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Consumes raw webhooks from {@code github.webhooks.v1}: stores what they show about identities, then publishes
 * their canonical contributions on {@code contributions.v1}. The webhook's offset is committed only after Kafka
 * acknowledged every contribution; one it cannot map goes to {@code github.webhooks.v1.dlq} with the reason.
 */
@ApplicationScoped
public class WebhookReceivedConsumer {

    /** The channel of {@code github.webhooks.v1}. */
    public static final String WEBHOOKS = "github-webhooks";

    private static final Logger LOG = Logger.getLogger(WebhookReceivedConsumer.class);

    private final IngestService ingest;
    private final ContributionPublisher publisher;
    private final Counter skippedBots;
    private final Counter ignored;

    public WebhookReceivedConsumer(IngestService ingest, ContributionPublisher publisher, MeterRegistry metrics) {
        this.ingest = ingest;
        this.publisher = publisher;
        this.skippedBots = Counter.builder("ascent.ingest.bot.contributions.skipped")
                .description("Contributions not made because the person they would credit is a bot (RULES.md)")
                .register(metrics);
        this.ignored = Counter.builder("ascent.ingest.webhooks.ignored")
                .description("Webhooks of events or actions that score nothing").register(metrics);
    }

    @Incoming(WEBHOOKS)
    public CompletionStage<Void> consume(Message<byte[]> message) {
        RawWebhook hook;
        try {
            hook = toRawWebhook(message);
        } catch (IllegalArgumentException e) {
            LOG.warnf("webhook sent to the dead-letter topic: %s", e.getMessage());
            return message.nack(e);
        }
        // the store is blocking: off the event loop; messages are still handled one after the other
        return Uni.createFrom().item(() -> ingest.handle(hook))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                // the store may be briefly unreachable; a malformed webhook is not retried
                .onFailure(e -> !(e instanceof IllegalArgumentException)).retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(5)
                .onItem().transformToUni(handled -> {
                    log(hook, handled);
                    return publisher.publish(handled.outcome().records());
                })
                .onItem().transformToUni(done -> Uni.createFrom().completionStage(message.ack()))
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf("webhook %s (%s) sent to the dead-letter topic: %s", hook.deliveryId(), hook.event(),
                            e.getMessage());
                    return Uni.createFrom().completionStage(message.nack(e));
                })
                .subscribeAsCompletionStage();
    }

    private void log(RawWebhook hook, IngestService.Handled handled) {
        int bots = handled.outcome().skippedBots();
        if (bots > 0) {
            skippedBots.increment(bots);
            LOG.debugf("delivery %s: %d contribution(s) of bots skipped (%.0f in all)", hook.deliveryId(), bots,
                    skippedBots.count());
        }
        if (handled.mapped().ignored() != null) {
            ignored.increment();
            LOG.debugf("delivery %s ignored: %s", hook.deliveryId(), handled.mapped().ignored());
        }
    }

    private static RawWebhook toRawWebhook(Message<byte[]> message) {
        IncomingKafkaRecordMetadata<?, ?> meta = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalArgumentException("not a Kafka record"));
        Headers headers = meta.getHeaders();
        String type = header(headers, "ce_type");
        if (type == null || !type.startsWith("com.github.")) {
            throw new IllegalArgumentException("record has no ce_type header of a GitHub event (com.github.*): " + type);
        }
        String time = header(headers, "ce_time");
        Instant received;
        try {
            received = time == null ? meta.getTimestamp() : Instant.parse(time);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("ce_time is not a time: " + time, e);
        }
        if (message.getPayload() == null) {
            throw new IllegalArgumentException("record has no body");
        }
        return new RawWebhook(header(headers, "ce_id"), type.substring("com.github.".length()), received,
                message.getPayload());
    }

    private static String header(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
