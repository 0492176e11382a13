package dev.ascent.patchrunner.grpc;

import dev.ascent.patchrunner.service.ClaimDecision;
import dev.ascent.patchrunner.service.HeartbeatDecision;
import dev.ascent.patchrunner.service.JobControl;
import dev.ascent.proto.patchrunner.v1.ClaimJobRequest;
import dev.ascent.proto.patchrunner.v1.ClaimJobResponse;
import dev.ascent.proto.patchrunner.v1.JobControlService;
import dev.ascent.proto.patchrunner.v1.JobHeartbeatRequest;
import dev.ascent.proto.patchrunner.v1.JobHeartbeatResponse;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

/** The vm-workers' API ({@code ascent.patchrunner.v1.JobControlService}): claims and heartbeats of jobs. */
@GrpcService
public class JobControlGrpcService implements JobControlService {

    private final JobControl control;

    public JobControlGrpcService(JobControl control) {
        this.control = control;
    }

    @Override
    @Blocking
    public Uni<ClaimJobResponse> claimJob(ClaimJobRequest request) {
        return GrpcAnswers.answer("ClaimJob", () -> {
            String jobId = request.getJob().getJobId().trim();
            if (jobId.isEmpty()) {
                throw GrpcAnswers.invalid("job.job_id is empty");
            }
            if (request.getWorker().isBlank()) {
                throw GrpcAnswers.invalid("worker is empty");
            }
            ClaimDecision d = control.claim(jobId, request.getWorker().trim());
            return ClaimJobResponse.newBuilder()
                    .setDecision(d.run() ? dev.ascent.proto.patchrunner.v1.ClaimDecision.CLAIM_DECISION_RUN
                            : dev.ascent.proto.patchrunner.v1.ClaimDecision.CLAIM_DECISION_SKIP)
                    .setAttempt(d.attempt())
                    .setReason(d.reason())
                    .build();
        });
    }

    @Override
    @Blocking
    public Uni<JobHeartbeatResponse> jobHeartbeat(JobHeartbeatRequest request) {
        return GrpcAnswers.answer("JobHeartbeat", () -> {
            String jobId = request.getJobId().trim();
            if (jobId.isEmpty()) {
                throw GrpcAnswers.invalid("job_id is empty");
            }
            if (request.getAttempt() < 1) {
                throw GrpcAnswers.invalid("attempt must be 1 or more, not " + request.getAttempt());
            }
            HeartbeatDecision d = control.heartbeat(jobId, request.getAttempt());
            return JobHeartbeatResponse.newBuilder().setDecision(toProto(d.action())).setReason(d.reason()).build();
        });
    }

    private static dev.ascent.proto.patchrunner.v1.HeartbeatDecision toProto(HeartbeatDecision.Action a) {
        return switch (a) {
            case CONTINUE -> dev.ascent.proto.patchrunner.v1.HeartbeatDecision.HEARTBEAT_DECISION_CONTINUE;
            case CANCEL -> dev.ascent.proto.patchrunner.v1.HeartbeatDecision.HEARTBEAT_DECISION_CANCEL;
            case ABANDON -> dev.ascent.proto.patchrunner.v1.HeartbeatDecision.HEARTBEAT_DECISION_ABANDON;
        };
    }
}
