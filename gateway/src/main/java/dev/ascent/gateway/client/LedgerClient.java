package dev.ascent.gateway.client;

import dev.ascent.gateway.portal.CohortStandings;
import dev.ascent.gateway.portal.Home;
import dev.ascent.gateway.portal.Leaderboard;
import dev.ascent.gateway.portal.LedgerPage;
import dev.ascent.gateway.portal.Profile;
import dev.ascent.gateway.portal.Standing;
import dev.ascent.proto.Times;
import dev.ascent.proto.api.v1.Contributor;
import dev.ascent.proto.api.v1.GetLeaderboardResponse;
import dev.ascent.proto.api.v1.LedgerEntry;
import dev.ascent.proto.api.v1.ListLedgerRequest;
import dev.ascent.proto.api.v1.ListLedgerResponse;
import dev.ascent.proto.api.v1.Period;
import dev.ascent.proto.ledger.v1.GetCohortStandingsRequest;
import dev.ascent.proto.ledger.v1.GetHomeRequest;
import dev.ascent.proto.ledger.v1.GetProfileRequest;
import dev.ascent.proto.ledger.v1.GetRulesetRequest;
import dev.ascent.proto.ledger.v1.LedgerQueryServiceGrpc;
import dev.ascent.proto.ledger.v1.SetListingRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The portal's way to the ledger: one call per page, answers as the portal's records. NOT_FOUND becomes an empty
 * answer, INVALID_ARGUMENT an {@link IllegalArgumentException} with the ledger's reason, anything else
 * {@link LedgerUnavailableException}.
 */
@ApplicationScoped
public class LedgerClient {

    private final LedgerQueryServiceGrpc.LedgerQueryServiceBlockingStub ledger;
    private final Duration deadline;

    public LedgerClient(@GrpcClient("ledger") LedgerQueryServiceGrpc.LedgerQueryServiceBlockingStub ledger,
            @ConfigProperty(name = "ascent.gateway.ledger-deadline", defaultValue = "PT5S") Duration deadline) {
        this.ledger = ledger;
        this.deadline = deadline;
    }

    /** The ledger could not answer (down, too slow, or failed). */
    public static class LedgerUnavailableException extends RuntimeException {
        public LedgerUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private LedgerQueryServiceGrpc.LedgerQueryServiceBlockingStub stub() {
        return ledger.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Everything the contributor page shows; empty when the login has no ledger. */
    public Optional<Profile> profile(String login, String pageToken, int pageSize, int weeks, Instant asOf) {
        GetProfileRequest.Builder request = GetProfileRequest.newBuilder().setLogin(login)
                .setPageToken(pageToken == null ? "" : pageToken).setPageSize(pageSize).setWeeks(weeks);
        if (asOf != null) {
            request.setAsOf(Times.toTimestamp(asOf));
        }
        return call(() -> stub().getProfile(request.build())).map(r -> new Profile(fromProto(r.getContributor()),
                fromProto(r.getLedger()),
                r.getWeeksList().stream()
                        .map(w -> new Profile.Week(Times.toInstant(w.getWeekStart()), w.getPoints(), w.getTotal()))
                        .toList(),
                r.getHidden()));
    }

    /** A page of a person's ledger, newest first; empty when the login has no ledger. */
    public Optional<LedgerPage> ledgerPage(String login, String pageToken, int pageSize) {
        return call(() -> stub().listLedger(ListLedgerRequest.newBuilder().setLogin(login)
                .setPageToken(pageToken == null ? "" : pageToken).setPageSize(pageSize).build()))
                .map(LedgerClient::fromProto);
    }

    /** The four leaderboards and recent milestones. */
    public Home home(int leaderboardLimit, int recentLimit) {
        var r = call(() -> stub().getHome(GetHomeRequest.newBuilder().setLeaderboardLimit(leaderboardLimit)
                .setRecentLimit(recentLimit).build())).orElseThrow();
        return new Home(r.getLeaderboardsList().stream().map(LedgerClient::fromProto).toList(),
                r.getRecentList().stream().map(m -> new Home.Milestone(m.getLogin(), m.getGithubId(),
                        Times.toInstant(m.getOccurredAt()), m.getLevel(), m.getBadgeId(), m.getBadgeDescription()))
                        .toList(),
                r.getRulesetVersion(), r.getPeople());
    }

    /** The ledger's figures for a group of logins, points counted in [from, to) (null: open). */
    public CohortStandings cohortStandings(Collection<String> logins, Instant from, Instant to) {
        GetCohortStandingsRequest.Builder request = GetCohortStandingsRequest.newBuilder().addAllLogins(logins);
        if (from != null) {
            request.setFrom(Times.toTimestamp(from));
        }
        if (to != null) {
            request.setTo(Times.toTimestamp(to));
        }
        var r = call(() -> stub().getCohortStandings(request.build())).orElseThrow();
        return new CohortStandings(r.getMembersList().stream().map(m -> new CohortStandings.Member(m.getLogin(),
                m.getGithubId(), m.getLevel(), m.getRole(), m.getPointsInPeriod(), m.getTotalPoints())).toList(),
                List.copyOf(r.getUnknownLoginsList()), r.getHiddenMembers(), r.getPointsInPeriod(),
                r.getTotalPoints(), r.getRulesetVersion());
    }

    /** Sets whether a person is left out of leaderboards and cohort pages; false when the login has no ledger. */
    public boolean setListing(String login, boolean hidden) {
        return call(() -> stub().setListing(SetListingRequest.newBuilder().setLogin(login).setHidden(hidden).build()))
                .isPresent();
    }

    /** The active ruleset's version and file text. */
    public RulesetSource ruleset() {
        var r = call(() -> stub().getRuleset(GetRulesetRequest.getDefaultInstance())).orElseThrow();
        return new RulesetSource(r.getVersion(), r.getSource());
    }

    /** The active ruleset as the ledger loaded it. */
    public record RulesetSource(String version, String source) {
    }

    private static <T> Optional<T> call(Supplier<T> call) {
        try {
            return Optional.of(call.get());
        } catch (StatusRuntimeException e) {
            Status.Code code = e.getStatus().getCode();
            if (code == Status.Code.NOT_FOUND) {
                return Optional.empty();
            }
            if (code == Status.Code.INVALID_ARGUMENT) {
                throw new IllegalArgumentException(e.getStatus().getDescription(), e);
            }
            throw new LedgerUnavailableException("the ledger did not answer (" + code + ")", e);
        }
    }

    static Standing fromProto(Contributor c) {
        var p = c.getProgress();
        return new Standing(c.getLogin(), c.getGithubId(), c.getPoints(), c.getLevel(), c.getLevelPoints(),
                c.getNextLevelPoints(), p.getPointsToNextLevel(), c.getRole(), c.getNextStep(),
                c.getBadgesList().stream()
                        .map(b -> new Standing.Badge(b.getId(), b.getDescription(), Times.toInstant(b.getEarnedAt())))
                        .toList(),
                p.getBadgesList().stream().map(b -> new Standing.BadgeProgress(b.getId(), b.getDescription(),
                        b.getCurrent(), b.getRequired())).toList(),
                p.getRolesList().stream().map(r -> new Standing.RoleProgress(r.getRole(), r.getHeldBy(),
                        r.getCriteriaList().stream().map(k -> new Standing.Criterion(k.getMetric(), k.getCurrent(),
                                k.getRequired(), k.getWindowMonths())).toList(),
                        r.getNextStep())).toList(),
                c.getStreaks().getCurrentWeeks(), c.getStreaks().getLongestWeeks(), c.getFlagged(),
                List.copyOf(c.getTeamsList()), c.getEntries(), c.getRulesetVersion(), Times.toInstant(c.getAsOf()));
    }

    static LedgerPage fromProto(ListLedgerResponse r) {
        return new LedgerPage(r.getEntriesList().stream().map(LedgerClient::fromProto).toList(),
                r.getNextPageToken(), r.getTotalEntries(), r.getRulesetVersion());
    }

    private static LedgerPage.Line fromProto(LedgerEntry e) {
        return new LedgerPage.Line(e.getEntryId(), e.getEventId(), e.getKind(), e.getPoints(), e.getRuleId(),
                e.getRulesetVersion(), e.getSentence(), e.getUrl(), Times.toInstant(e.getOccurredAt()),
                e.hasTakenBackAt() ? Times.toInstant(e.getTakenBackAt()) : null);
    }

    static Leaderboard fromProto(GetLeaderboardResponse r) {
        return new Leaderboard(periodName(r.getPeriod()), r.hasFrom() ? Times.toInstant(r.getFrom()) : null,
                Times.toInstant(r.getTo()),
                r.getRowsList().stream().map(row -> new Leaderboard.Row(row.getRank(), row.getLogin(),
                        row.getGithubId(), row.getPoints(), row.getLevel())).toList(),
                r.getRulesetVersion());
    }

    /** "week", "month", "year", "all-time". */
    static String periodName(Period p) {
        return p.name().substring("PERIOD_".length()).toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
