package dev.ascent.patchrunner.grpc;

import dev.ascent.patchrunner.Person;
import dev.ascent.patchrunner.Scope;
import dev.ascent.patchrunner.mapping.RunMapping;
import dev.ascent.patchrunner.service.PatchRunService;
import dev.ascent.patchrunner.service.RequestRefused;
import dev.ascent.patchrunner.service.WorkerSilence;
import dev.ascent.proto.api.v1.GetPatchRunRequest;
import dev.ascent.proto.api.v1.GetPatchRunResponse;
import dev.ascent.proto.api.v1.ListPullRequestRunsRequest;
import dev.ascent.proto.api.v1.ListPullRequestRunsResponse;
import dev.ascent.proto.api.v1.RequestPatchRunResponse;
import dev.ascent.proto.patchrunner.v1.PatchRunQueryService;
import dev.ascent.proto.patchrunner.v1.RequestRunRequest;
import dev.ascent.proto.vm.v1.TestScope;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import java.time.Clock;

/** patch-runner's read API and re-run requests for the gateway ({@code ascent.patchrunner.v1.PatchRunQueryService}). */
@GrpcService
public class PatchRunQueryGrpcService implements PatchRunQueryService {

    /** The most runs one list returns. */
    public static final int MAX_LIMIT = 100;
    /** The runs a list returns when the request says 0. */
    public static final int DEFAULT_LIMIT = 20;

    private final PatchRunService runs;
    private final WorkerSilence silence;
    private final Clock clock;

    public PatchRunQueryGrpcService(PatchRunService runs, WorkerSilence silence, Clock clock) {
        this.runs = runs;
        this.silence = silence;
        this.clock = clock;
    }

    @Override
    @Blocking
    public Uni<ListPullRequestRunsResponse> listPullRequestRuns(ListPullRequestRunsRequest request) {
        return GrpcAnswers.answer("ListPullRequestRuns", () -> {
            String repo = GrpcAnswers.repository(request.getRepository());
            long number = GrpcAnswers.prNumber(request.getPrNumber());
            if (request.getLimit() < 0 || request.getLimit() > MAX_LIMIT) {
                throw GrpcAnswers.invalid("limit must be between 0 and " + MAX_LIMIT + ", not " + request.getLimit());
            }
            int limit = request.getLimit() == 0 ? DEFAULT_LIMIT : request.getLimit();
            ListPullRequestRunsResponse.Builder b = ListPullRequestRunsResponse.newBuilder();
            runs.runsOf(repo, number, limit).forEach(r -> b.addRuns(RunMapping.toProto(r, silence, clock.instant())));
            return b.build();
        });
    }

    @Override
    @Blocking
    public Uni<GetPatchRunResponse> getPatchRun(GetPatchRunRequest request) {
        return GrpcAnswers.answer("GetPatchRun", () -> {
            String runId = request.getRunId().trim();
            if (runId.isEmpty()) {
                throw GrpcAnswers.invalid("run_id is empty");
            }
            var run = runs.run(runId).orElseThrow(() -> new RequestRefused(RequestRefused.Kind.NOT_FOUND,
                    "no run " + runId));
            return GetPatchRunResponse.newBuilder().setRun(RunMapping.toProto(run, silence, clock.instant())).build();
        });
    }

    @Override
    @Blocking
    public Uni<RequestPatchRunResponse> requestPatchRun(RequestRunRequest request) {
        return GrpcAnswers.answer("RequestPatchRun", () -> {
            if (!request.hasCaller() || request.getCaller().getId() <= 0
                    || request.getCaller().getLogin().isBlank()) {
                throw GrpcAnswers.invalid("the request names no caller (a GitHub id and login)");
            }
            var r = request.getRequest();
            String repo = GrpcAnswers.repository(r.getRepository());
            long number = GrpcAnswers.prNumber(r.getPrNumber());
            if (r.getScope() == TestScope.UNRECOGNIZED) {
                throw GrpcAnswers.invalid("scope " + r.getScopeValue() + " is not a test scope");
            }
            Scope scope = RunMapping.fromProto(r.getScope());
            Person caller = new Person(request.getCaller().getId(), request.getCaller().getLogin().trim());
            var run = runs.requestRun(repo, number, scope, caller, request.getCallerIsAdmin());
            return RequestPatchRunResponse.newBuilder().setRun(RunMapping.toProto(run, silence, clock.instant())).build();
        });
    }
}
