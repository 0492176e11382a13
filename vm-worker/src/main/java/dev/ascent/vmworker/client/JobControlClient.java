package dev.ascent.vmworker.client;

import dev.ascent.proto.patchrunner.v1.ClaimDecision;
import dev.ascent.proto.patchrunner.v1.ClaimJobRequest;
import dev.ascent.proto.patchrunner.v1.ClaimJobResponse;
import dev.ascent.proto.patchrunner.v1.JobControlServiceGrpc;
import dev.ascent.proto.patchrunner.v1.JobHeartbeatRequest;
import dev.ascent.proto.patchrunner.v1.JobHeartbeatResponse;
import dev.ascent.proto.vm.v1.TestJobRequested;
import io.quarkus.grpc.GrpcClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;

/** {@link JobControl} over patch-runner's gRPC {@code JobControlService}. */
@ApplicationScoped
public class JobControlClient implements JobControl {

    private static final long DEADLINE_SECONDS = 10;

    private final JobControlServiceGrpc.JobControlServiceBlockingStub stub;

    public JobControlClient(@GrpcClient("job-control") JobControlServiceGrpc.JobControlServiceBlockingStub stub) {
        this.stub = stub;
    }

    @Override
    public Claim claim(TestJobRequested job, String worker) {
        ClaimJobResponse r = stub.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
                .claimJob(ClaimJobRequest.newBuilder().setJob(job).setWorker(worker).build());
        if (r.getDecision() == ClaimDecision.CLAIM_DECISION_RUN) {
            if (r.getAttempt() < 1) {
                throw new IllegalStateException("patch-runner said RUN without an attempt number");
            }
            return Claim.run(r.getAttempt());
        }
        if (r.getDecision() == ClaimDecision.CLAIM_DECISION_SKIP) {
            return Claim.skip(r.getReason());
        }
        throw new IllegalStateException("patch-runner answered the claim with " + r.getDecision());
    }

    @Override
    public Beat heartbeat(String jobId, int attempt, String worker) {
        JobHeartbeatResponse r = stub.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS).jobHeartbeat(
                JobHeartbeatRequest.newBuilder().setJobId(jobId).setAttempt(attempt).setWorker(worker).build());
        return switch (r.getDecision()) {
            case HEARTBEAT_DECISION_CANCEL -> new Beat(Verdict.CANCEL, r.getReason());
            case HEARTBEAT_DECISION_ABANDON -> new Beat(Verdict.ABANDON, r.getReason());
            // an answer this worker does not know is no reason to stop a job
            default -> new Beat(Verdict.CONTINUE, r.getReason());
        };
    }
}
