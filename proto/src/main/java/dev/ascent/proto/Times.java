package dev.ascent.proto;

import com.google.protobuf.Timestamp;
import java.time.Instant;

/** Converts between {@code google.protobuf.Timestamp} and {@link Instant}, keeping the nanoseconds. */
public final class Times {

    private Times() {
    }

    public static Timestamp toTimestamp(Instant t) {
        return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
    }

    public static Instant toInstant(Timestamp t) {
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }
}
