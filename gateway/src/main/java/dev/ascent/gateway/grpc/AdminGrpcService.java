package dev.ascent.gateway.grpc;

import dev.ascent.gateway.security.BearerTokens;
import dev.ascent.proto.api.v1.AdminService;
import dev.ascent.proto.events.v1.GithubUser;
import dev.ascent.proto.ingest.v1.ClearFlagRequest;
import dev.ascent.proto.ingest.v1.ClearFlagResponse;
import dev.ascent.proto.ingest.v1.GetPersonRequest;
import dev.ascent.proto.ingest.v1.GetPersonResponse;
import dev.ascent.proto.ingest.v1.IdentityService;
import dev.ascent.proto.ingest.v1.LinkEmailRequest;
import dev.ascent.proto.ingest.v1.LinkEmailResponse;
import dev.ascent.proto.ingest.v1.ListPendingCoAuthorsRequest;
import dev.ascent.proto.ingest.v1.ListPendingCoAuthorsResponse;
import dev.ascent.proto.ingest.v1.ResolvePendingCoAuthorRequest;
import dev.ascent.proto.ingest.v1.ResolvePendingCoAuthorResponse;
import dev.ascent.proto.ingest.v1.UnlinkEmailRequest;
import dev.ascent.proto.ingest.v1.UnlinkEmailResponse;
import dev.ascent.proto.ledger.v1.ActivateRulesetRequest;
import dev.ascent.proto.ledger.v1.ActivateRulesetResponse;
import dev.ascent.proto.ledger.v1.GetStatsRequest;
import dev.ascent.proto.ledger.v1.GetStatsResponse;
import dev.ascent.proto.ledger.v1.LedgerQueryService;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcService;
import io.quarkus.grpc.RegisterInterceptor;
import io.smallrye.mutiny.Uni;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The public {@code ascent.api.v1.AdminService}: authenticated admin operations, passed on to the service that owns
 * them (identities and flag clears to ingest, rulesets to the ledger) with the authenticated admin set on the request.
 * Every call is logged with its admin.
 */
@GrpcService
@RegisterInterceptor(AdminAuthInterceptor.class)
public class AdminGrpcService implements AdminService {

    private static final Logger LOG = Logger.getLogger(AdminGrpcService.class);
    private static final Set<Status.Code> PASSED_ON = Set.of(Status.Code.INVALID_ARGUMENT, Status.Code.NOT_FOUND,
            Status.Code.FAILED_PRECONDITION, Status.Code.ALREADY_EXISTS, Status.Code.UNAVAILABLE);

    private final IdentityService identities;
    private final LedgerQueryService ledger;

    public AdminGrpcService(@GrpcClient("ingest") IdentityService identities,
            @GrpcClient("ledger") LedgerQueryService ledger) {
        this.identities = identities;
        this.ledger = ledger;
    }

    @Override
    public Uni<ListPendingCoAuthorsResponse> listPendingCoAuthors(ListPendingCoAuthorsRequest request) {
        audit("list pending co-authors");
        return identities.listPendingCoAuthors(request).onFailure().transform(e -> publicError(e, "ingest"));
    }

    @Override
    public Uni<LinkEmailResponse> linkEmail(LinkEmailRequest request) {
        GithubUser admin = audit("link " + request.getEmail() + " to " + request.getGithubId());
        return identities.linkEmail(request.toBuilder().setAdmin(admin).build())
                .onFailure().transform(e -> publicError(e, "ingest"));
    }

    @Override
    public Uni<UnlinkEmailResponse> unlinkEmail(UnlinkEmailRequest request) {
        GithubUser admin = audit("unlink " + request.getEmail());
        return identities.unlinkEmail(request.toBuilder().setAdmin(admin).build())
                .onFailure().transform(e -> publicError(e, "ingest"));
    }

    @Override
    public Uni<ResolvePendingCoAuthorResponse> resolvePendingCoAuthor(ResolvePendingCoAuthorRequest request) {
        GithubUser admin = audit("resolve " + request.getPendingId() + " to " + request.getGithubId());
        return identities.resolvePendingCoAuthor(request.toBuilder().setAdmin(admin).build())
                .onFailure().transform(e -> publicError(e, "ingest"));
    }

    @Override
    public Uni<ClearFlagResponse> clearFlag(ClearFlagRequest request) {
        GithubUser admin = audit("clear the flag of " + request.getGithubId());
        return identities.clearFlag(request.toBuilder().setAdmin(admin).build())
                .onFailure().transform(e -> publicError(e, "ingest"));
    }

    @Override
    public Uni<GetPersonResponse> getPerson(GetPersonRequest request) {
        audit("look up a person");
        return identities.getPerson(request).onFailure().transform(e -> publicError(e, "ingest"));
    }

    @Override
    public Uni<ActivateRulesetResponse> activateRuleset(ActivateRulesetRequest request) {
        audit("activate ruleset " + request.getVersion());
        return ledger.activateRuleset(request).onFailure().transform(e -> publicError(e, "ledger"));
    }

    @Override
    public Uni<GetStatsResponse> getLedgerStats(GetStatsRequest request) {
        audit("read the ledger's counters");
        return ledger.getStats(request).onFailure().transform(e -> publicError(e, "ledger"));
    }

    /** Logs the operation with the authenticated admin and returns that admin as the requests name them. */
    private static GithubUser audit(String what) {
        BearerTokens.Holder admin = AdminAuthInterceptor.ADMIN.get();
        if (admin == null) {
            // only reachable if the interceptor were not registered: refuse rather than act unauthenticated
            throw Status.UNAUTHENTICATED.withDescription("not authenticated").asRuntimeException();
        }
        LOG.infof("admin %s (%d): %s", admin.login(), admin.githubId(), what);
        return GithubUser.newBuilder().setLogin(admin.login()).setId(admin.githubId()).build();
    }

    private static Throwable publicError(Throwable e, String service) {
        if (e instanceof StatusRuntimeException sre && PASSED_ON.contains(sre.getStatus().getCode())) {
            return sre;
        }
        LOG.warnf("admin call to %s failed: %s", service, e.toString());
        return Status.UNAVAILABLE.withDescription("the " + service + " service is unavailable; retry later")
                .asRuntimeException();
    }
}
