package dev.ascent.ledger.grpc;

import dev.ascent.ledger.repository.LedgerRepository;
import dev.ascent.ledger.rules.Roles;
import dev.ascent.ledger.service.LedgerService;
import dev.ascent.proto.ledger.v1.GetStandingRequest;
import dev.ascent.proto.ledger.v1.GetStandingResponse;
import dev.ascent.proto.ledger.v1.LedgerQueryService;
import dev.ascent.proto.ledger.v1.Standing;
import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import java.time.Instant;

/** The ledger's internal read API: a person's standing, as stored by the last fold. */
@GrpcService
public class LedgerQueryGrpcService implements LedgerQueryService {

    private final LedgerRepository repository;
    private final LedgerService ledger;

    public LedgerQueryGrpcService(LedgerRepository repository, LedgerService ledger) {
        this.repository = repository;
        this.ledger = ledger;
    }

    @Override
    @Blocking
    public Uni<GetStandingResponse> getStanding(GetStandingRequest request) {
        String login = request.getLogin().trim();
        if (login.isEmpty()) {
            return Uni.createFrom().failure(Status.INVALID_ARGUMENT.withDescription("login is empty").asRuntimeException());
        }
        return repository.findProfileByLogin(login)
                .map(p -> Uni.createFrom().item(GetStandingResponse.newBuilder().setStanding(toProto(p)).build()))
                .orElseGet(() -> Uni.createFrom().failure(Status.NOT_FOUND
                        .withDescription("no recorded contribution for login " + login).asRuntimeException()));
    }

    private Standing toProto(LedgerRepository.Profile p) {
        String role = Roles.roleOf(ledger.rules(), p.entries() > 0, p.mergedPrs(), p.activeMonths(), Instant.now());
        return Standing.newBuilder()
                .setGithubId(p.personId())
                .setLogin(p.login())
                .setPoints(p.points())
                .setLevel(p.level())
                .setRole(role)
                .setNextLevelPoints(p.nextLevelPoints())
                .setRulesetVersion(p.rulesetVersion())
                .setEntries(p.entries())
                .build();
    }
}
