package dev.ascent.patchrunner.messaging;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * A consumed record patch-runner could not handle, for its {@code <topic>.dlq}: the same key, value and headers,
 * plus {@code dead-letter-reason}, {@code dead-letter-topic}, {@code dead-letter-partition} and
 * {@code dead-letter-offset} (the headers SmallRye's dead-letter strategy writes).
 */
final class DeadLetters {

    private DeadLetters() {
    }

    static Message<byte[]> toDeadLetter(Message<byte[]> message, String reason) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("dead-letter-reason", bytes(reason));
        Object key = null;
        @SuppressWarnings("rawtypes")
        Optional<IncomingKafkaRecordMetadata> meta = message.getMetadata(IncomingKafkaRecordMetadata.class);
        if (meta.isPresent()) {
            IncomingKafkaRecordMetadata<?, ?> m = meta.get();
            m.getHeaders().forEach(headers::add);
            headers.add("dead-letter-topic", bytes(m.getTopic()));
            headers.add("dead-letter-partition", bytes(Integer.toString(m.getPartition())));
            headers.add("dead-letter-offset", bytes(Long.toString(m.getOffset())));
            key = m.getKey();
        }
        return Message.of(message.getPayload() == null ? new byte[0] : message.getPayload())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(key == null ? null : key.toString()).withHeaders(headers).build());
    }

    private static byte[] bytes(String s) {
        return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
    }
}
