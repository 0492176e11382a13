package dev.ascent.patchrunner;

import java.time.Instant;
import java.util.Objects;

/**
 * One job of a run: the patch on one architecture.
 *
 * @param jobId "RUN_ID/ARCH"
 * @param runId the run it belongs to
 * @param arch e.g. "amd64"
 * @param index its place in the run's configured order of architectures
 * @param informational it does not decide the run's status
 * @param state queued, running or finished
 * @param attempts how many times a worker started it
 * @param worker the worker of the latest attempt, or ""
 * @param queuedAt when it was stored
 * @param startedAt when the latest attempt started, or null
 * @param heardAt when the latest attempt's worker last spoke (its claim or a heartbeat), or null
 * @param cancelled a newer push, the pull request's closing or a newer run cancelled it
 * @param cancelReason why, when cancelled
 * @param published Kafka acknowledged it on its {@code vm.jobs.<arch>} topic
 * @param progress the latest progress of the current attempt (an {@code ascent.vm.v1.TestJobProgressed}), or null
 * @param result its result once finished, else null
 */
public record Job(String jobId, String runId, String arch, int index, boolean informational, JobState state,
        int attempts, String worker, Instant queuedAt, Instant startedAt, Instant heardAt, boolean cancelled,
        String cancelReason,
        boolean published, byte[] progress, JobResult result) {

    public Job {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(state, "state");
        worker = worker == null ? "" : worker;
        cancelReason = cancelReason == null ? "" : cancelReason;
    }

    /** The id of a run's job on an architecture. */
    public static String id(String runId, String arch) {
        return runId + "/" + arch;
    }

    /** A job as it is first stored: queued, never started, not yet published. */
    public static Job queued(String runId, String arch, int index, boolean informational, Instant at) {
        return new Job(id(runId, arch), runId, arch, index, informational, JobState.QUEUED, 0, "", at, null, null,
                false, "", false, null, null);
    }

    public boolean finished() {
        return state == JobState.FINISHED;
    }
}
