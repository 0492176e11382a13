package dev.ascent.proto;

import com.google.protobuf.Timestamp;
import java.time.Duration;
import java.time.Instant;

/**
 * Converts between {@code google.protobuf.Timestamp} and {@link Instant}, and between {@code google.protobuf.Duration}
 * and {@link Duration}, keeping the nanoseconds.
 */
public final class Times {

    private Times() {
    }

    public static Timestamp toTimestamp(Instant t) {
        return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
    }

    public static Instant toInstant(Timestamp t) {
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }

    public static com.google.protobuf.Duration toProto(Duration d) {
        return com.google.protobuf.Duration.newBuilder().setSeconds(d.getSeconds()).setNanos(d.getNano()).build();
    }

    public static Duration toDuration(com.google.protobuf.Duration d) {
        return Duration.ofSeconds(d.getSeconds(), d.getNanos());
    }
}
