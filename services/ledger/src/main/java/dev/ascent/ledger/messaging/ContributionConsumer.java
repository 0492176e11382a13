package dev.ascent.ledger.messaging;

import dev.ascent.ledger.Contribution;
import dev.ascent.ledger.mapping.ContributionMapping;
import dev.ascent.ledger.service.LedgerService;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Consumes {@code contributions.v1} in batches: the good records of a batch are stored and folded together; a record
 * the ledger cannot fold goes to {@code contributions.v1.dlq} with the reason (headers {@code dead-letter-reason},
 * {@code dead-letter-topic}, {@code dead-letter-partition}, {@code dead-letter-offset}). The offsets are committed
 * only after the batch is stored and folded and its dead letters acknowledged; a failure to store stops the channel
 * (health goes down) rather than losing anything, and the batch is delivered again after a restart.
 */
@ApplicationScoped
public class ContributionConsumer {

    /** The channel of {@code contributions.v1}. */
    public static final String CHANNEL = "contributions";
    /** The channel of {@code contributions.v1.dlq}. */
    public static final String DEAD_LETTERS = "contributions-dlq";

    private static final Logger LOG = Logger.getLogger(ContributionConsumer.class);

    private final LedgerService ledger;
    private final MutinyEmitter<byte[]> deadLetters;

    public ContributionConsumer(LedgerService ledger, @Channel(DEAD_LETTERS) MutinyEmitter<byte[]> deadLetters) {
        this.ledger = ledger;
        this.deadLetters = deadLetters;
    }

    @Incoming(CHANNEL)
    @Blocking(ordered = true)
    public void consume(ConsumerRecords<String, byte[]> records) {
        List<Contribution> good = new ArrayList<>(records.count());
        List<Uni<Void>> dead = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            try {
                good.add(ContributionMapping.fromBytes(r.value()));
            } catch (IllegalArgumentException e) {
                LOG.warnf("contribution at %s-%d@%d sent to the dead-letter topic: %s", r.topic(), r.partition(),
                        r.offset(), e.getMessage());
                dead.add(deadLetters.sendMessage(toDeadLetter(r, e.getMessage())));
            }
        }
        if (!good.isEmpty()) {
            ledger.record(good);
        }
        if (!dead.isEmpty()) {
            Uni.join().all(dead).andFailFast().await().atMost(Duration.ofSeconds(30));
        }
    }

    static Message<byte[]> toDeadLetter(ConsumerRecord<String, byte[]> r, String reason) {
        RecordHeaders headers = new RecordHeaders();
        r.headers().forEach(headers::add);
        headers.add("dead-letter-reason", bytes(reason));
        headers.add("dead-letter-topic", bytes(r.topic()));
        headers.add("dead-letter-partition", bytes(Integer.toString(r.partition())));
        headers.add("dead-letter-offset", bytes(Long.toString(r.offset())));
        return Message.of(r.value() == null ? new byte[0] : r.value())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(r.key()).withHeaders(headers).build());
    }

    private static byte[] bytes(String s) {
        return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
    }
}
