package dev.ascent.vmworker.sandbox;

import java.time.Duration;

/** What one sandboxed command may use: memory (bytes, with its children), processes and threads, wall-clock time. */
public record Limits(long memoryBytes, int maxProcesses, Duration wallClock) {

    public Limits {
        if (memoryBytes < 64L << 20) {
            throw new IllegalArgumentException("a memory limit under 64 MiB cannot build or test CPython: "
                    + memoryBytes);
        }
        if (maxProcesses < 16) {
            throw new IllegalArgumentException("a process limit under 16 cannot run regrtest: " + maxProcesses);
        }
        if (wallClock.isNegative() || wallClock.isZero()) {
            throw new IllegalArgumentException("the wall-clock limit must be positive: " + wallClock);
        }
    }

    /** The same limits with another wall clock. */
    public Limits withWallClock(Duration d) {
        return new Limits(memoryBytes, maxProcesses, d);
    }
}
