package dev.ascent.patchrunner.client;

import dev.ascent.patchrunner.Standing;
import dev.ascent.patchrunner.config.PatchRunnerConfig;
import dev.ascent.proto.api.v1.Contributor;
import dev.ascent.proto.api.v1.GetContributorRequest;
import dev.ascent.proto.ledger.v1.LedgerQueryServiceGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * patch-runner's way to the ledger: a person's standing by login ({@code LedgerQueryService/GetStanding}). NOT_FOUND
 * (and INVALID_ARGUMENT, a login the ledger cannot have) is an empty answer; anything else is
 * {@link LedgerUnavailableException}.
 */
@ApplicationScoped
public class LedgerClient {

    private final LedgerQueryServiceGrpc.LedgerQueryServiceBlockingStub ledger;
    private final long deadlineMillis;

    public LedgerClient(@GrpcClient("ledger") LedgerQueryServiceGrpc.LedgerQueryServiceBlockingStub ledger,
            PatchRunnerConfig config) {
        this.ledger = ledger;
        this.deadlineMillis = config.ledger().deadline().toMillis();
    }

    /** The person's standing as of now; empty when the ledger has no such login. Blocking. */
    public Optional<Standing> standing(String login) {
        try {
            Contributor c = ledger.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS)
                    .getStanding(GetContributorRequest.newBuilder().setLogin(login).build())
                    .getContributor();
            return Optional.of(new Standing(c.getLogin(), c.getGithubId(), c.getRole()));
        } catch (StatusRuntimeException e) {
            Status.Code code = e.getStatus().getCode();
            if (code == Status.Code.NOT_FOUND || code == Status.Code.INVALID_ARGUMENT) {
                return Optional.empty();
            }
            throw new LedgerUnavailableException("the ledger did not answer for " + login + ": " + code
                    + (e.getStatus().getDescription() == null ? "" : " " + e.getStatus().getDescription()), e);
        }
    }
}
