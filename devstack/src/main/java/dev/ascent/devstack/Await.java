package dev.ascent.devstack;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting on a condition with a deadline, for tests: never a fixed sleep. */
public final class Await {

    /** The interval between two checks of a condition. */
    private static final Duration INTERVAL = Duration.ofMillis(100);

    private Await() {
    }

    /** Checks until {@code check} returns null (done) or the deadline passes; then fails with its last answer. */
    public static void untilNull(String what, Duration deadline, Supplier<String> check) {
        Instant end = Instant.now().plus(deadline);
        String last = "not checked";
        while (Instant.now().isBefore(end)) {
            last = check.get();
            if (last == null) {
                return;
            }
            pause();
        }
        throw new AssertionError(what + " did not happen within " + deadline + "; last: " + last);
    }

    /** Checks until the condition holds or the deadline passes; then fails. */
    public static void until(String what, Duration deadline, BooleanSupplier condition) {
        untilNull(what, deadline, () -> condition.getAsBoolean() ? null : "not yet");
    }

    /** Waits one interval between two checks of a condition. */
    public static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
