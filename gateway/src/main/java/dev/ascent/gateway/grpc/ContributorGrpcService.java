package dev.ascent.gateway.grpc;

import dev.ascent.proto.api.v1.Contributor;
import dev.ascent.proto.api.v1.ContributorService;
import dev.ascent.proto.api.v1.GetContributorRequest;
import dev.ascent.proto.api.v1.GetContributorResponse;
import dev.ascent.proto.ledger.v1.GetStandingRequest;
import dev.ascent.proto.ledger.v1.LedgerQueryService;
import dev.ascent.proto.ledger.v1.Standing;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;

/** The public {@code ascent.api.v1.ContributorService}: a contributor's standing, as the ledger computed it. */
@GrpcService
public class ContributorGrpcService implements ContributorService {

    private final LedgerQueryService ledger;

    public ContributorGrpcService(@GrpcClient("ledger") LedgerQueryService ledger) {
        this.ledger = ledger;
    }

    @Override
    public Uni<GetContributorResponse> getContributor(GetContributorRequest request) {
        String login = request.getLogin().trim();
        if (login.isEmpty()) {
            return Uni.createFrom().failure(Status.INVALID_ARGUMENT.withDescription("login is empty").asRuntimeException());
        }
        return ledger.getStanding(GetStandingRequest.newBuilder().setLogin(login).build())
                .map(r -> GetContributorResponse.newBuilder().setContributor(fromStanding(r.getStanding())).build())
                .onFailure().transform(ContributorGrpcService::publicError);
    }

    static Contributor fromStanding(Standing s) {
        return Contributor.newBuilder()
                .setLogin(s.getLogin())
                .setGithubId(s.getGithubId())
                .setPoints(s.getPoints())
                .setLevel(s.getLevel())
                .setRole(s.getRole())
                .setNextLevelPoints(s.getNextLevelPoints())
                .setRulesetVersion(s.getRulesetVersion())
                .setEntries(s.getEntries())
                .build();
    }

    private static Throwable publicError(Throwable e) {
        if (e instanceof StatusRuntimeException sre) {
            Status.Code code = sre.getStatus().getCode();
            if (code == Status.Code.NOT_FOUND || code == Status.Code.INVALID_ARGUMENT) {
                return sre;
            }
        }
        return Status.UNAVAILABLE.withDescription("the ledger is unavailable; retry later").asRuntimeException();
    }
}
