package dev.ascent.patchrunner.messaging;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Reads the CloudEvents binary-mode headers ({@code ce_*}) of a consumed Kafka record. */
final class CloudEvents {

    /** The CloudEvents source of everything patch-runner publishes. */
    static final String SOURCE = "ascent/patch-runner";
    /** The content type of protobuf payloads. */
    static final String PROTOBUF = "application/protobuf";

    private CloudEvents() {
    }

    /** The record's headers; an {@link IllegalArgumentException} when the message is not a Kafka record. */
    static Headers headers(Message<?> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalArgumentException("not a Kafka record")).getHeaders();
    }

    /** A header's value as text, if present. */
    static Optional<String> header(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? Optional.empty()
                : Optional.of(new String(h.value(), StandardCharsets.UTF_8));
    }

    /** Checks the record's type; an {@link IllegalArgumentException} with the reason when it is another. */
    static void requireType(Message<?> message, String type) {
        String actual = header(headers(message), "ce_type").orElse(null);
        if (!type.equals(actual)) {
            throw new IllegalArgumentException(actual == null ? "record has no ce_type header (expected " + type + ")"
                    : "record's ce_type is " + actual + ", not " + type);
        }
    }
}
