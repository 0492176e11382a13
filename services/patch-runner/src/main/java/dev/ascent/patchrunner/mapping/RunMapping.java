package dev.ascent.patchrunner.mapping;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.ascent.patchrunner.Job;
import dev.ascent.patchrunner.JobOutcome;
import dev.ascent.patchrunner.JobResult;
import dev.ascent.patchrunner.JobState;
import dev.ascent.patchrunner.Person;
import dev.ascent.patchrunner.Run;
import dev.ascent.patchrunner.RunStatus;
import dev.ascent.patchrunner.Scope;
import dev.ascent.patchrunner.service.WorkerSilence;
import dev.ascent.proto.Times;
import dev.ascent.proto.api.v1.PatchJob;
import dev.ascent.proto.api.v1.PatchJobState;
import dev.ascent.proto.api.v1.PatchRun;
import dev.ascent.proto.api.v1.PatchRunStatus;
import dev.ascent.proto.events.v1.GithubUser;
import dev.ascent.proto.vm.v1.JobStatus;
import dev.ascent.proto.vm.v1.TestJobCompleted;
import dev.ascent.proto.vm.v1.TestJobProgressed;
import dev.ascent.proto.vm.v1.TestJobRequested;
import dev.ascent.proto.vm.v1.TestScope;
import java.time.Instant;

/** Converts runs and jobs to and from the protobuf messages of the vm and public APIs. */
public final class RunMapping {

    private RunMapping() {
    }

    /** A run as the public API shows it, its jobs in the configured order. */
    public static PatchRun toProto(Run run, WorkerSilence silence, Instant now) {
        PatchRun.Builder b = PatchRun.newBuilder()
                .setRunId(run.runId())
                .setRepository(run.pullRequest().repository())
                .setPrNumber(run.pullRequest().number())
                .setHeadSha(run.pullRequest().headSha())
                .setBase(run.pullRequest().baseRef())
                .setAuthor(toProto(run.pullRequest().author()))
                .setRequestedBy(toProto(run.requestedBy()))
                .setTrigger(run.trigger())
                .setCreatedAt(Times.toTimestamp(run.createdAt()))
                .setStatus(toProto(run.status()))
                .setDetail(run.detail())
                .setScope(toProto(run.scope()))
                .setPatchBytes(run.patchBytes())
                .setPatchSha256(run.patchSha256());
        if (run.finishedAt() != null) {
            b.setFinishedAt(Times.toTimestamp(run.finishedAt()));
        }
        run.jobs().forEach(j -> b.addJobs(toProto(j, silence, now)));
        return b.build();
    }

    /**
     * A job as the public API shows it, with the latest progress of its running attempt, whether its worker went
     * silent, and its result.
     */
    public static PatchJob toProto(Job job, WorkerSilence silence, Instant now) {
        PatchJob.Builder b = PatchJob.newBuilder()
                .setJobId(job.jobId())
                .setArch(job.arch())
                .setInformational(job.informational())
                .setState(toProto(job.state()))
                .setAttempts(job.attempts())
                .setWorker(job.worker());
        if (job.queuedAt() != null) {
            b.setQueuedAt(Times.toTimestamp(job.queuedAt()));
        }
        if (job.startedAt() != null) {
            b.setStartedAt(Times.toTimestamp(job.startedAt()));
        }
        if (job.heardAt() != null && job.state() == JobState.RUNNING) {
            b.setHeardAt(Times.toTimestamp(job.heardAt()));
        }
        b.setWorkerSilent(silence.silent(job, now));
        if (job.progress() != null && job.state() == JobState.RUNNING) {
            b.setProgress(parse(() -> TestJobProgressed.parseFrom(job.progress()), job.jobId()));
        }
        if (job.result() != null) {
            b.setResult(parse(() -> TestJobCompleted.parseFrom(job.result().record()), job.jobId()));
        }
        return b.build();
    }

    /** The job a worker takes from {@code vm.jobs.<arch>}. */
    public static TestJobRequested toRequest(Run run, Job job, byte[] patch) {
        return TestJobRequested.newBuilder()
                .setJobId(job.jobId())
                .setRunId(run.runId())
                .setRepository(run.pullRequest().repository())
                .setPrNumber(run.pullRequest().number())
                .setHeadSha(run.pullRequest().headSha())
                .setBase(run.pullRequest().baseRef())
                .setArch(job.arch())
                .setPatch(ByteString.copyFrom(patch))
                .setScope(toProto(run.scope()))
                .setRequestedAt(Times.toTimestamp(job.queuedAt()))
                .setInformational(job.informational())
                .build();
    }

    /**
     * A result patch-runner records itself (CANCELLED for a job no worker started, ERROR for attempts used up), in
     * the shape a worker's would have, so that the API shows every result alike.
     */
    public static JobResult ownResult(Run run, Job job, JobOutcome outcome, String detail, Instant at) {
        TestJobCompleted record = TestJobCompleted.newBuilder()
                .setJobId(job.jobId())
                .setRunId(run.runId())
                .setArch(job.arch())
                .setAttempt(job.attempts())
                .setWorker(job.worker())
                .setBase(run.pullRequest().baseRef())
                .setStatus(toProto(outcome))
                .setDetail(detail)
                .setFinishedAt(Times.toTimestamp(at))
                .setScope(toProto(run.scope()))
                .setInformational(job.informational())
                .build();
        return new JobResult(outcome, detail, job.attempts(), at, record.toByteArray());
    }

    /**
     * A worker's result as stored: its outcome and time, and the record as it was sent.
     *
     * @param receivedAt used when the worker gave no finished_at
     */
    public static JobResult fromProto(TestJobCompleted result, Instant receivedAt) {
        JobOutcome outcome = fromProto(result.getStatus());
        Instant at = result.hasFinishedAt() ? Times.toInstant(result.getFinishedAt()) : receivedAt;
        return new JobResult(outcome, result.getDetail(), result.getAttempt(), at, result.toByteArray());
    }

    public static GithubUser toProto(Person p) {
        return GithubUser.newBuilder().setId(p.id()).setLogin(p.login()).build();
    }

    public static PatchRunStatus toProto(RunStatus s) {
        return switch (s) {
            case IN_PROGRESS -> PatchRunStatus.PATCH_RUN_STATUS_IN_PROGRESS;
            case PASSED -> PatchRunStatus.PATCH_RUN_STATUS_PASSED;
            case FAILED -> PatchRunStatus.PATCH_RUN_STATUS_FAILED;
            case CANCELLED -> PatchRunStatus.PATCH_RUN_STATUS_CANCELLED;
            case ERROR -> PatchRunStatus.PATCH_RUN_STATUS_ERROR;
        };
    }

    public static PatchJobState toProto(JobState s) {
        return switch (s) {
            case QUEUED -> PatchJobState.PATCH_JOB_STATE_QUEUED;
            case RUNNING -> PatchJobState.PATCH_JOB_STATE_RUNNING;
            case FINISHED -> PatchJobState.PATCH_JOB_STATE_FINISHED;
        };
    }

    public static TestScope toProto(Scope s) {
        return s == Scope.FULL ? TestScope.TEST_SCOPE_FULL : TestScope.TEST_SCOPE_SELECTED;
    }

    /** A requested scope; unspecified means the selected tests. */
    public static Scope fromProto(TestScope s) {
        return switch (s) {
            case TEST_SCOPE_FULL -> Scope.FULL;
            case TEST_SCOPE_SELECTED, TEST_SCOPE_UNSPECIFIED -> Scope.SELECTED;
            default -> throw new IllegalArgumentException("unknown test scope " + s);
        };
    }

    public static JobStatus toProto(JobOutcome o) {
        return switch (o) {
            case PASSED -> JobStatus.JOB_STATUS_PASSED;
            case FAILED -> JobStatus.JOB_STATUS_FAILED;
            case BUILD_FAILED -> JobStatus.JOB_STATUS_BUILD_FAILED;
            case PATCH_FAILED -> JobStatus.JOB_STATUS_PATCH_FAILED;
            case TIMEOUT -> JobStatus.JOB_STATUS_TIMEOUT;
            case KILLED -> JobStatus.JOB_STATUS_KILLED;
            case ERROR -> JobStatus.JOB_STATUS_ERROR;
            case CANCELLED -> JobStatus.JOB_STATUS_CANCELLED;
        };
    }

    /** A worker's status; unspecified or unknown ones are refused with the reason. */
    public static JobOutcome fromProto(JobStatus s) {
        return switch (s) {
            case JOB_STATUS_PASSED -> JobOutcome.PASSED;
            case JOB_STATUS_FAILED -> JobOutcome.FAILED;
            case JOB_STATUS_BUILD_FAILED -> JobOutcome.BUILD_FAILED;
            case JOB_STATUS_PATCH_FAILED -> JobOutcome.PATCH_FAILED;
            case JOB_STATUS_TIMEOUT -> JobOutcome.TIMEOUT;
            case JOB_STATUS_KILLED -> JobOutcome.KILLED;
            case JOB_STATUS_ERROR -> JobOutcome.ERROR;
            case JOB_STATUS_CANCELLED -> JobOutcome.CANCELLED;
            default -> throw new IllegalArgumentException("status " + s + " is not a job's end");
        };
    }

    private interface Parse<T> {
        T get() throws InvalidProtocolBufferException;
    }

    private static <T> T parse(Parse<T> p, String jobId) {
        try {
            return p.get();
        } catch (InvalidProtocolBufferException e) {
            // stored by this service after it parsed it once: a broken record here is a bug, not bad input
            throw new IllegalStateException("stored record of job " + jobId + " does not parse: " + e.getMessage(),
                    e);
        }
    }
}
