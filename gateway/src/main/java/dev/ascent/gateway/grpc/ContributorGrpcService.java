package dev.ascent.gateway.grpc;

import dev.ascent.proto.api.v1.ContributorService;
import dev.ascent.proto.api.v1.GetContributorRequest;
import dev.ascent.proto.api.v1.GetContributorResponse;
import dev.ascent.proto.api.v1.GetLeaderboardRequest;
import dev.ascent.proto.api.v1.GetLeaderboardResponse;
import dev.ascent.proto.api.v1.ListLedgerRequest;
import dev.ascent.proto.api.v1.ListLedgerResponse;
import dev.ascent.proto.ledger.v1.LedgerQueryService;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;

/**
 * The public {@code ascent.api.v1.ContributorService}: standings, ledgers and leaderboards as the ledger computed
 * them. The ledger answers with the public messages, so they pass through unchanged; the ledger's own failures
 * become UNAVAILABLE, never a stack trace.
 */
@GrpcService
public class ContributorGrpcService implements ContributorService {

    private final LedgerQueryService ledger;

    public ContributorGrpcService(@GrpcClient("ledger") LedgerQueryService ledger) {
        this.ledger = ledger;
    }

    @Override
    public Uni<GetContributorResponse> getContributor(GetContributorRequest request) {
        if (request.getLogin().isBlank()) {
            return invalid("login is empty");
        }
        return ledger.getStanding(request).onFailure().transform(ContributorGrpcService::publicError);
    }

    @Override
    public Uni<ListLedgerResponse> listLedger(ListLedgerRequest request) {
        if (request.getLogin().isBlank()) {
            return invalid("login is empty");
        }
        return ledger.listLedger(request).onFailure().transform(ContributorGrpcService::publicError);
    }

    @Override
    public Uni<GetLeaderboardResponse> getLeaderboard(GetLeaderboardRequest request) {
        return ledger.getLeaderboard(request).onFailure().transform(ContributorGrpcService::publicError);
    }

    private static <T> Uni<T> invalid(String why) {
        return Uni.createFrom().failure(Status.INVALID_ARGUMENT.withDescription(why).asRuntimeException());
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
