package dev.ascent.ingest.grpc;

import dev.ascent.ingest.Admin;
import dev.ascent.ingest.CommitCredit;
import dev.ascent.ingest.EmailEvidence;
import dev.ascent.ingest.Ground;
import dev.ascent.ingest.LoginSeen;
import dev.ascent.ingest.messaging.ContributionPublisher;
import dev.ascent.ingest.service.IdentityBook;
import dev.ascent.ingest.service.IdentityException;
import dev.ascent.ingest.service.IngestService;
import dev.ascent.proto.Times;
import dev.ascent.proto.events.v1.ContributionRecorded;
import dev.ascent.proto.events.v1.GithubUser;
import dev.ascent.proto.ingest.v1.ClearFlagRequest;
import dev.ascent.proto.ingest.v1.ClearFlagResponse;
import dev.ascent.proto.ingest.v1.EmailLink;
import dev.ascent.proto.ingest.v1.EmailSource;
import dev.ascent.proto.ingest.v1.GetPersonRequest;
import dev.ascent.proto.ingest.v1.GetPersonResponse;
import dev.ascent.proto.ingest.v1.IdentityService;
import dev.ascent.proto.ingest.v1.LinkEmailRequest;
import dev.ascent.proto.ingest.v1.LinkEmailResponse;
import dev.ascent.proto.ingest.v1.ListPendingCoAuthorsRequest;
import dev.ascent.proto.ingest.v1.ListPendingCoAuthorsResponse;
import dev.ascent.proto.ingest.v1.PendingCoAuthor;
import dev.ascent.proto.ingest.v1.ResolvePendingCoAuthorRequest;
import dev.ascent.proto.ingest.v1.ResolvePendingCoAuthorResponse;
import dev.ascent.proto.ingest.v1.UnlinkEmailRequest;
import dev.ascent.proto.ingest.v1.UnlinkEmailResponse;
import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Ingest's internal admin API ({@code ascent.ingest.v1.IdentityService}): pending co-authors, email links and
 * unlinks, flag clears and the people directory. Each change is stored, then its contributions are published and
 * acknowledged by Kafka before the call answers. Refusals carry a sentence; unexpected failures answer INTERNAL
 * without details (they are logged here).
 */
@GrpcService
public class IdentityGrpcService implements IdentityService {

    private static final Logger LOG = Logger.getLogger(IdentityGrpcService.class);

    private final IngestService ingest;
    private final ContributionPublisher publisher;

    public IdentityGrpcService(IngestService ingest, ContributionPublisher publisher) {
        this.ingest = ingest;
        this.publisher = publisher;
    }

    @Override
    @Blocking
    public Uni<ListPendingCoAuthorsResponse> listPendingCoAuthors(ListPendingCoAuthorsRequest request) {
        return call("ListPendingCoAuthors", () -> {
            IdentityBook.PendingPage page = ingest.pending(request.getPageSize(), request.getPageToken());
            return ListPendingCoAuthorsResponse.newBuilder()
                    .addAllPending(page.pending().stream().map(IdentityGrpcService::toProto).toList())
                    .setNextPageToken(page.nextPageToken())
                    .setTotalSize(page.totalSize())
                    .build();
        });
    }

    @Override
    @Blocking
    public Uni<LinkEmailResponse> linkEmail(LinkEmailRequest request) {
        return call("LinkEmail", () -> {
            IdentityBook.LinkOutcome o = ingest.link(request.getEmail(), request.getGithubId(),
                    fromProto(request.hasAdmin(), request.getAdmin()));
            publish(o.records());
            return LinkEmailResponse.newBuilder().setLink(toProto(o.link()))
                    .setContributionsPublished(o.records().size()).build();
        });
    }

    @Override
    @Blocking
    public Uni<UnlinkEmailResponse> unlinkEmail(UnlinkEmailRequest request) {
        return call("UnlinkEmail", () -> {
            IdentityBook.UnlinkOutcome o = ingest.unlink(request.getEmail(),
                    fromProto(request.hasAdmin(), request.getAdmin()));
            publish(o.records());
            return UnlinkEmailResponse.newBuilder().setContributionsPublished(o.records().size())
                    .setPending(o.pendingAgain()).build();
        });
    }

    @Override
    @Blocking
    public Uni<ResolvePendingCoAuthorResponse> resolvePendingCoAuthor(ResolvePendingCoAuthorRequest request) {
        return call("ResolvePendingCoAuthor", () -> {
            IdentityBook.LinkOutcome o = ingest.resolvePending(request.getPendingId(), request.getGithubId(),
                    fromProto(request.hasAdmin(), request.getAdmin()));
            publish(o.records());
            return ResolvePendingCoAuthorResponse.newBuilder().setLink(toProto(o.link()))
                    .setContributionsPublished(o.records().size()).build();
        });
    }

    @Override
    @Blocking
    public Uni<ClearFlagResponse> clearFlag(ClearFlagRequest request) {
        return call("ClearFlag", () -> {
            ContributionRecorded c = ingest.clearFlag(request.getGithubId(),
                    fromProto(request.hasAdmin(), request.getAdmin()));
            publish(List.of(c));
            return ClearFlagResponse.newBuilder().setEventId(c.getEventId()).setOccurredAt(c.getOccurredAt()).build();
        });
    }

    @Override
    @Blocking
    public Uni<GetPersonResponse> getPerson(GetPersonRequest request) {
        return call("GetPerson", () -> {
            IdentityBook.PersonView v = switch (request.getPersonCase()) {
                case GITHUB_ID -> ingest.person(request.getGithubId(), null);
                case LOGIN -> ingest.person(null, request.getLogin());
                case PERSON_NOT_SET -> ingest.person(null, null);
            };
            dev.ascent.proto.ingest.v1.Person.Builder p = dev.ascent.proto.ingest.v1.Person.newBuilder()
                    .setGithubId(v.person().id())
                    .setLogin(v.person().login())
                    .setBot(v.person().bot());
            for (LoginSeen l : v.logins()) {
                p.addLogins(dev.ascent.proto.ingest.v1.LoginSeen.newBuilder().setLogin(l.login())
                        .setFirstSeen(Times.toTimestamp(l.firstSeen()))
                        .setLastSeen(Times.toTimestamp(l.lastSeen())));
            }
            v.emails().forEach(e -> p.addEmails(toProto(e)));
            return GetPersonResponse.newBuilder().setPerson(p).build();
        });
    }

    /**
     * Publishes the stored statements Kafka has not acknowledged yet (this call's {@code records} among them, and any
     * an earlier call stored but could not publish) and waits for the acks.
     */
    private void publish(List<ContributionRecorded> records) {
        try {
            publisher.publishUnpublished();
        } catch (RuntimeException e) {
            throw new PublishFailed(e);
        }
    }

    /** The change was stored but Kafka did not acknowledge its contributions. */
    private static final class PublishFailed extends RuntimeException {
        PublishFailed(Throwable cause) {
            super(cause);
        }
    }

    private static <T> Uni<T> call(String rpc, Supplier<T> work) {
        try {
            return Uni.createFrom().item(work.get());
        } catch (IdentityException e) {
            Status status = switch (e.reason()) {
                case INVALID_ARGUMENT -> Status.INVALID_ARGUMENT;
                case NOT_FOUND -> Status.NOT_FOUND;
                case FAILED_PRECONDITION -> Status.FAILED_PRECONDITION;
            };
            return Uni.createFrom().failure(status.withDescription(e.getMessage()).asRuntimeException());
        } catch (PublishFailed e) {
            LOG.warnf("%s: stored, but Kafka did not acknowledge its contributions: %s", rpc, e.getCause().toString());
            return Uni.createFrom().failure(Status.UNAVAILABLE.withDescription("the change is stored but Kafka did "
                    + "not acknowledge its contributions; they are published again with the next admin request or at "
                    + "ingest's next start, and this call may be retried").asRuntimeException());
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s failed", rpc);
            return Uni.createFrom().failure(Status.INTERNAL.withDescription("ingest failed to carry out " + rpc
                    + "; the cause is in ingest's log").asRuntimeException());
        }
    }

    private static Admin fromProto(boolean present, GithubUser admin) {
        return present ? new Admin(admin.getId(), admin.getLogin()) : null;
    }

    private static PendingCoAuthor toProto(CommitCredit c) {
        return PendingCoAuthor.newBuilder()
                .setId(c.key())
                .setEmail(c.email())
                .setName(c.name() == null ? "" : c.name())
                .setRepository(c.repository())
                .setNumber(c.number())
                .setCommitSha(c.sha() == null ? "" : c.sha())
                .setCommitTime(Times.toTimestamp(c.commitTime()))
                .setCredit(c.credit())
                .setUrl(c.url())
                .build();
    }

    private static EmailLink toProto(EmailEvidence e) {
        EmailLink.Builder b = EmailLink.newBuilder().setEmail(e.email()).setSource(toProto(e.ground()))
                .setRevision(e.revision());
        if (e.personId() != null) {
            b.setPerson(GithubUser.newBuilder().setId(e.personId()).setLogin(e.login() == null ? "" : e.login()));
        }
        if (e.linkedBy() != null) {
            b.setLinkedBy(GithubUser.newBuilder().setId(e.linkedBy().id())
                    .setLogin(e.linkedBy().login() == null ? "" : e.linkedBy().login()));
        }
        if (e.at() != null && e.ground() == Ground.ADMIN_LINK) {
            b.setLinkedAt(Times.toTimestamp(e.at()));
        }
        return b.build();
    }

    private static EmailSource toProto(Ground g) {
        return switch (g) {
            case NOREPLY -> EmailSource.EMAIL_SOURCE_NOREPLY;
            case OWN_COMMITS, USERNAME -> EmailSource.EMAIL_SOURCE_OWN_COMMITS;
            case ADMIN_LINK -> EmailSource.EMAIL_SOURCE_ADMIN_LINK;
        };
    }
}
