package dev.ascent.ingest.messaging;

import dev.ascent.ingest.RawWebhook;
import dev.ascent.ingest.config.IngestConfig;
import dev.ascent.ingest.mapping.BotPolicy;
import dev.ascent.ingest.mapping.WebhookMapper;
import dev.ascent.proto.events.v1.ContributionRecorded;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Consumes raw webhooks from {@code github.webhooks.v1} and publishes their canonical contributions on
 * {@code contributions.v1}, keyed by the contributor's GitHub user id. The webhook's offset is committed only after
 * Kafka acknowledged every contribution; one it cannot map goes to {@code github.webhooks.v1.dlq} with the reason.
 */
@ApplicationScoped
public class WebhookReceivedConsumer {

    /** The channel of {@code github.webhooks.v1}. */
    public static final String WEBHOOKS = "github-webhooks";
    /** The channel of {@code contributions.v1}. */
    public static final String CONTRIBUTIONS = "contributions";
    /** The CloudEvents type of a canonical contribution. */
    public static final String CONTRIBUTION_TYPE = "ascent.events.v1.ContributionRecorded";

    private static final Logger LOG = Logger.getLogger(WebhookReceivedConsumer.class);

    private final WebhookMapper mapper;
    private final MutinyEmitter<byte[]> contributions;
    private final AtomicLong skippedBots = new AtomicLong();

    public WebhookReceivedConsumer(IngestConfig config, @Channel(CONTRIBUTIONS) MutinyEmitter<byte[]> contributions) {
        this.mapper = new WebhookMapper(new BotPolicy(config.bots()));
        this.contributions = contributions;
    }

    @Incoming(WEBHOOKS)
    public CompletionStage<Void> consume(Message<byte[]> message) {
        RawWebhook hook;
        WebhookMapper.Result result;
        try {
            hook = toRawWebhook(message);
            result = mapper.map(hook);
        } catch (RuntimeException e) {
            LOG.warnf("webhook sent to the dead-letter topic: %s", e.getMessage());
            return message.nack(e);
        }
        if (result.skippedBots() > 0) {
            LOG.debugf("delivery %s: %d contribution(s) of bots skipped (%d in all)", hook.deliveryId(),
                    result.skippedBots(), skippedBots.addAndGet(result.skippedBots()));
        }
        List<Uni<Void>> sends = new ArrayList<>();
        for (ContributionRecorded c : result.contributions()) {
            sends.add(contributions.sendMessage(toMessage(c)));
        }
        if (sends.isEmpty()) {
            return message.ack();
        }
        return Uni.join().all(sends).andFailFast()
                .onItem().transformToUni(done -> Uni.createFrom().completionStage(message.ack()))
                .onFailure().recoverWithUni(e -> Uni.createFrom().completionStage(message.nack(e)))
                .subscribeAsCompletionStage();
    }

    static Message<byte[]> toMessage(ContributionRecorded c) {
        Instant at = Instant.ofEpochSecond(c.getOccurredAt().getSeconds(), c.getOccurredAt().getNanos());
        return Message.of(c.toByteArray())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(Long.toString(c.getContributor().getId())).build())
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(c.getEventId())
                        .withType(CONTRIBUTION_TYPE)
                        .withSource(URI.create("ascent/ingest"))
                        .withSubject(c.getKind())
                        .withDataContentType("application/protobuf")
                        .withTimestamp(at.atZone(ZoneOffset.UTC))
                        .build());
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
