package dev.ascent.devstack;

import dev.ascent.proto.events.v1.ContributionRecorded;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes canonical contributions on {@code contributions.v1} the way ingest does (key: the contributor's id, for
 * pr.reverted the actor's; CloudEvents headers; protobuf value), with a producer tuned for throughput: batches,
 * lz4, acks=all, idempotent.
 */
public final class ContributionPublisher implements AutoCloseable {

    public static final String TOPIC = "contributions.v1";

    private final KafkaProducer<String, byte[]> producer;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final AtomicLong acknowledged = new AtomicLong();

    public ContributionPublisher(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "synthetic-contributions");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(p);
    }

    /** The record as ingest would publish it. */
    public static ProducerRecord<String, byte[]> toRecord(ContributionRecorded e) {
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(TOPIC, SyntheticHistory.kafkaKey(e), e.toByteArray());
        header(r, "ce_specversion", "1.0");
        header(r, "ce_id", e.getEventId());
        header(r, "ce_type", "ascent.events.v1.ContributionRecorded");
        header(r, "ce_source", "ascent/synthetic-history");
        header(r, "content-type", "application/protobuf");
        return r;
    }

    /** Sends without waiting; {@link #flush()} waits for the acknowledgements. */
    public void send(ProducerRecord<String, byte[]> record) {
        producer.send(record, (metadata, e) -> {
            if (e != null) {
                failure.compareAndSet(null, e);
            } else {
                acknowledged.incrementAndGet();
            }
        });
    }

    public void sendAll(Collection<ContributionRecorded> events) {
        events.forEach(e -> send(toRecord(e)));
    }

    /** Waits until Kafka acknowledged everything sent so far; fails with the first refusal. */
    public void flush() {
        producer.flush();
        Exception e = failure.get();
        if (e != null) {
            throw new IllegalStateException("Kafka refused a contribution: " + e, e);
        }
    }

    /** Records Kafka acknowledged so far. */
    public long acknowledged() {
        return acknowledged.get();
    }

    @Override
    public void close() {
        producer.close();
    }

    private static void header(ProducerRecord<String, byte[]> r, String name, String value) {
        r.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
