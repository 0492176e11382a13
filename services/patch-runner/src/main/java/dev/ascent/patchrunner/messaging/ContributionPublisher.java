package dev.ascent.patchrunner.messaging;

import dev.ascent.patchrunner.repository.ContributionStore;
import dev.ascent.proto.Times;
import dev.ascent.proto.events.v1.ContributionRecorded;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes stored patch.passed contributions on {@code contributions.v1} (channel {@value #CONTRIBUTIONS}), keyed
 * by the contributor's GitHub id, as CloudEvents of type {@value #CONTRIBUTION_TYPE} whose id is the event id. A
 * contribution is marked published once Kafka acknowledged it; the rest are published again by
 * {@link OutboxSweeper}.
 */
@ApplicationScoped
public class ContributionPublisher {

    /** The channel of {@code contributions.v1}. */
    public static final String CONTRIBUTIONS = "contributions";
    /** The CloudEvents type of a canonical contribution. */
    public static final String CONTRIBUTION_TYPE = "ascent.events.v1.ContributionRecorded";

    private static final int OUTBOX_BATCH = 500;

    private final MutinyEmitter<byte[]> contributions;
    private final ContributionStore store;

    public ContributionPublisher(@Channel(CONTRIBUTIONS) MutinyEmitter<byte[]> contributions,
            ContributionStore store) {
        this.contributions = contributions;
        this.store = store;
    }

    /** Publishes the stored contribution of this event id unless Kafka acknowledged it already. Blocking. */
    public boolean publishIfUnpublished(String eventId) {
        return store.find(eventId).filter(s -> !s.published())
                .map(s -> publish(List.of(s.record())) == 1).orElse(false);
    }

    /** Publishes every unpublished contribution stored at or before {@code storedBy}; returns how many. Blocking. */
    public int publishUnpublished(Instant storedBy) {
        return Outbox.drain(n -> store.unpublished(storedBy, n), OUTBOX_BATCH, this::publish);
    }

    private int publish(List<ContributionRecorded> records) {
        Map<String, Message<byte[]>> messages = new LinkedHashMap<>();
        records.forEach(c -> messages.put(c.getEventId(), toMessage(c)));
        return Outbox.send(contributions, messages, store::markPublished, "contribution");
    }

    /** The Kafka record of a contribution, as ingest publishes its own. */
    static Message<byte[]> toMessage(ContributionRecorded c) {
        return Message.of(c.toByteArray())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(Long.toString(c.getContributor().getId())).build())
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(c.getEventId())
                        .withType(CONTRIBUTION_TYPE)
                        .withSource(URI.create(CloudEvents.SOURCE))
                        .withSubject(c.getKind())
                        .withDataContentType(CloudEvents.PROTOBUF)
                        .withTimestamp(Times.toInstant(c.getOccurredAt()).atZone(ZoneOffset.UTC))
                        .build());
    }
}
