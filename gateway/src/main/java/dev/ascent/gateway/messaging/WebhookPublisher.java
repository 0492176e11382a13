package dev.ascent.gateway.messaging;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes raw webhooks, exactly as GitHub sent them, on {@code github.webhooks.v1} (CloudEvents binary mode:
 * {@code ce_id} is the delivery id, {@code ce_type} {@code com.github.<event>}, {@code ce_time} the receipt time).
 */
@ApplicationScoped
public class WebhookPublisher {

    /** The channel of {@code github.webhooks.v1}. */
    public static final String CHANNEL = "github-webhooks";

    private final MutinyEmitter<byte[]> emitter;
    private final Duration timeout;

    public WebhookPublisher(@Channel(CHANNEL) MutinyEmitter<byte[]> emitter,
            @ConfigProperty(name = "ascent.gateway.kafka-ack-timeout", defaultValue = "PT15S") Duration timeout) {
        this.emitter = emitter;
        this.timeout = timeout;
    }

    /** Returns once Kafka acknowledged the record (acks=all); throws when it did not in time. */
    public void publish(String deliveryId, String event, Instant receivedAt, byte[] body) {
        Message<byte[]> message = Message.of(body)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(deliveryId).build())
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(deliveryId)
                        .withType("com.github." + event)
                        .withSource(URI.create("https://github.com"))
                        .withDataContentType("application/json")
                        .withTimestamp(receivedAt.atZone(ZoneOffset.UTC))
                        .build());
        emitter.sendMessage(message).await().atMost(timeout);
    }
}
