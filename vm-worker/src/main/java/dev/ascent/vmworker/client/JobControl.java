package dev.ascent.vmworker.client;

import dev.ascent.proto.vm.v1.TestJobRequested;

/**
 * Where a worker's attempts are counted (patch-runner's JobControlService): asked before a job starts and every few
 * seconds while it runs. Implementations throw {@link RuntimeException} when the answer could not be had; the caller
 * retries.
 */
public interface JobControl {

    /** Whether to run a job taken from Kafka, and as which attempt. */
    record Claim(boolean run, int attempt, String reason) {

        public static Claim run(int attempt) {
            return new Claim(true, attempt, "");
        }

        public static Claim skip(String reason) {
            return new Claim(false, 0, reason);
        }
    }

    /** What a running attempt should do. */
    enum Verdict {
        /** Go on. */
        CONTINUE,
        /** Stop, and publish the result CANCELLED. */
        CANCEL,
        /** Stop, and publish nothing: the job is no longer this attempt's. */
        ABANDON
    }

    /** A heartbeat's answer. */
    record Beat(Verdict verdict, String reason) {
    }

    Claim claim(TestJobRequested job, String worker);

    Beat heartbeat(String jobId, int attempt, String worker);
}
