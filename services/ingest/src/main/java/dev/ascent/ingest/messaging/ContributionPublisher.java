package dev.ascent.ingest.messaging;

import dev.ascent.ingest.Statement;
import dev.ascent.ingest.service.IngestService;
import dev.ascent.proto.Times;
import dev.ascent.proto.events.v1.ContributionRecorded;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Publishes canonical contributions on {@code contributions.v1} (channel {@value #CONTRIBUTIONS}), keyed by the
 * contributor's GitHub id (the actor's for a pr.reverted, whose contributor is unset), with CloudEvents binary
 * headers. Completes when Kafka acknowledged every record; statements (restatements, flag clears) are then marked
 * published, and those that never were are published again at start and with every admin request.
 */
@ApplicationScoped
public class ContributionPublisher {

    /** The channel of {@code contributions.v1}. */
    public static final String CONTRIBUTIONS = "contributions";
    /** The CloudEvents type of a canonical contribution. */
    public static final String CONTRIBUTION_TYPE = "ascent.events.v1.ContributionRecorded";

    private static final Logger LOG = Logger.getLogger(ContributionPublisher.class);
    private static final Duration ACK_DEADLINE = Duration.ofSeconds(30);
    private static final int OUTBOX_BATCH = 500;

    private final MutinyEmitter<byte[]> contributions;
    private final IngestService ingest;

    public ContributionPublisher(@Channel(CONTRIBUTIONS) MutinyEmitter<byte[]> contributions, IngestService ingest) {
        this.contributions = contributions;
        this.ingest = ingest;
    }

    /** Sends the records; the Uni completes once Kafka acknowledged all of them and the statements were marked. */
    public Uni<Void> publish(List<ContributionRecorded> records) {
        if (records.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Void>> sends = new ArrayList<>(records.size());
        for (ContributionRecorded c : records) {
            sends.add(contributions.sendMessage(toMessage(c)));
        }
        return Uni.join().all(sends).andFailFast()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .invoke(() -> records.stream().filter(ContributionPublisher::isStatement).forEach(ingest::markPublished))
                .replaceWithVoid();
    }

    /**
     * Publishes every stored statement Kafka has not acknowledged yet and waits for the acks; returns how many.
     * Blocking.
     */
    public int publishUnpublished() {
        int total = 0;
        while (true) {
            List<ContributionRecorded> batch = ingest.unpublished(OUTBOX_BATCH).stream().map(Statement::record).toList();
            if (batch.isEmpty()) {
                return total;
            }
            publish(batch).await().atMost(ACK_DEADLINE);
            total += batch.size();
            if (batch.size() < OUTBOX_BATCH) {
                return total;
            }
        }
    }

    void onStart(@Observes StartupEvent event) {
        // statements stored before a crash or a Kafka outage, never acknowledged: publish them now
        Infrastructure.getDefaultWorkerPool().execute(() -> {
            try {
                int n = publishUnpublished();
                if (n > 0) {
                    LOG.infof("published %d stored contribution(s) Kafka had not acknowledged before", n);
                }
            } catch (RuntimeException e) {
                LOG.warnf("stored contributions not published at start (retried with the next admin request or "
                        + "start): %s", e.toString());
            }
        });
    }

    private static boolean isStatement(ContributionRecorded c) {
        return c.getRevision() > 0 || c.getKind().equals("flag.cleared");
    }

    /** The Kafka record of a contribution. */
    static Message<byte[]> toMessage(ContributionRecorded c) {
        Instant at = Times.toInstant(c.getOccurredAt());
        long key = c.hasContributor() ? c.getContributor().getId() : c.getActor().getId();
        // a restatement is another event about the same fact: its own CloudEvents id
        String ceId = c.getRevision() == 0 ? c.getEventId() : c.getEventId() + "/r" + c.getRevision();
        return Message.of(c.toByteArray())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(Long.toString(key)).build())
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(ceId)
                        .withType(CONTRIBUTION_TYPE)
                        .withSource(URI.create("ascent/ingest"))
                        .withSubject(c.getKind())
                        .withDataContentType("application/protobuf")
                        .withTimestamp(at.atZone(ZoneOffset.UTC))
                        .build());
    }
}
