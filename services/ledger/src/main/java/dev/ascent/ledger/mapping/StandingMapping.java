package dev.ascent.ledger.mapping;

import com.google.protobuf.Timestamp;
import dev.ascent.ledger.rules.Cohorts;
import dev.ascent.ledger.rules.Leaderboards;
import dev.ascent.ledger.rules.LedgerEntry;
import dev.ascent.ledger.rules.Milestones;
import dev.ascent.ledger.rules.Standings;
import dev.ascent.ledger.rules.Weeks;
import dev.ascent.proto.Times;
import dev.ascent.proto.api.v1.Badge;
import dev.ascent.proto.api.v1.BadgeProgress;
import dev.ascent.proto.api.v1.Contributor;
import dev.ascent.proto.api.v1.Criterion;
import dev.ascent.proto.api.v1.GetLeaderboardResponse;
import dev.ascent.proto.api.v1.LeaderboardRow;
import dev.ascent.proto.api.v1.Period;
import dev.ascent.proto.api.v1.Progress;
import dev.ascent.proto.api.v1.RoleProgress;
import dev.ascent.proto.api.v1.Streaks;
import dev.ascent.proto.ledger.v1.CohortMember;
import dev.ascent.proto.ledger.v1.GetCohortStandingsResponse;
import dev.ascent.proto.ledger.v1.Milestone;
import dev.ascent.proto.ledger.v1.WeeklyPoints;
import java.time.Instant;

/** Converts the ledger's read models to the API's protobuf messages. */
public final class StandingMapping {

    private StandingMapping() {
    }

    public static Contributor toProto(Standings.Standing s) {
        Contributor.Builder b = Contributor.newBuilder()
                .setLogin(s.login())
                .setGithubId(s.personId())
                .setPoints(s.points())
                .setLevel(s.level())
                .setRole(s.role())
                .setNextLevelPoints(s.nextLevelPoints())
                .setLevelPoints(s.levelPoints())
                .setRulesetVersion(s.rulesetVersion())
                .setEntries(s.entries())
                .setFlagged(s.flagged())
                .addAllTeams(s.teams())
                .setAsOf(Times.toTimestamp(s.asOf()))
                .setNextStep(s.nextStep())
                .setStreaks(Streaks.newBuilder().setCurrentWeeks(s.currentStreakWeeks())
                        .setLongestWeeks(s.longestStreakWeeks()));
        for (Standings.EarnedBadge e : s.badges()) {
            b.addBadges(Badge.newBuilder().setId(e.id()).setDescription(e.description())
                    .setEarnedAt(Times.toTimestamp(e.earnedAt())));
        }
        Progress.Builder p = Progress.newBuilder().setPointsToNextLevel(s.pointsToNextLevel());
        for (Standings.RoleProgress r : s.roles()) {
            RoleProgress.Builder rp = RoleProgress.newBuilder().setRole(r.role()).setHeldBy(r.heldBy())
                    .setNextStep(r.nextStep());
            for (Standings.CriterionProgress c : r.criteria()) {
                rp.addCriteria(Criterion.newBuilder().setMetric(c.metric()).setCurrent(c.current())
                        .setRequired(c.required()).setWindowMonths(c.windowMonths()));
            }
            p.addRoles(rp);
        }
        for (Standings.BadgeProgress u : s.unearnedBadges()) {
            p.addBadges(BadgeProgress.newBuilder().setId(u.id()).setDescription(u.description())
                    .setCurrent(u.current()).setRequired(u.required()));
        }
        return b.setProgress(p).build();
    }

    public static dev.ascent.proto.api.v1.LedgerEntry toProto(LedgerEntry e) {
        var b = dev.ascent.proto.api.v1.LedgerEntry.newBuilder()
                .setEventId(e.eventId())
                .setEntryId(e.entryId())
                .setKind(e.kind())
                .setPoints(e.points())
                .setRuleId(e.ruleId())
                .setRulesetVersion(e.rulesetVersion())
                .setSentence(e.sentence())
                .setUrl(e.url())
                .setOccurredAt(Times.toTimestamp(e.occurredAt()));
        if (e.takenBackAt() != null) {
            b.setTakenBackAt(Times.toTimestamp(e.takenBackAt()));
        }
        return b.build();
    }

    public static GetLeaderboardResponse toProto(Leaderboards.Board board, String rulesetVersion) {
        GetLeaderboardResponse.Builder b = GetLeaderboardResponse.newBuilder()
                .setPeriod(toProto(board.period()))
                .setTo(Times.toTimestamp(board.to()))
                .setRulesetVersion(rulesetVersion);
        if (board.from() != null) {
            b.setFrom(Times.toTimestamp(board.from()));
        }
        for (Leaderboards.Row r : board.rows()) {
            b.addRows(LeaderboardRow.newBuilder().setRank(r.rank()).setLogin(r.login()).setGithubId(r.personId())
                    .setPoints(r.points()).setLevel(r.level()));
        }
        return b.build();
    }

    public static WeeklyPoints toProto(Weeks.Week w) {
        return WeeklyPoints.newBuilder().setWeekStart(Times.toTimestamp(w.start())).setPoints(w.points())
                .setTotal(w.total()).build();
    }

    public static Milestone toProto(Milestones.Milestone m) {
        return Milestone.newBuilder().setLogin(m.login()).setGithubId(m.personId())
                .setOccurredAt(Times.toTimestamp(m.occurredAt())).setLevel(m.level()).setBadgeId(m.badgeId())
                .setBadgeDescription(m.badgeDescription()).build();
    }

    public static GetCohortStandingsResponse toProto(Cohorts.Cohort c, String rulesetVersion) {
        GetCohortStandingsResponse.Builder b = GetCohortStandingsResponse.newBuilder()
                .addAllUnknownLogins(c.unknownLogins())
                .setHiddenMembers(c.hiddenMembers())
                .setPointsInPeriod(c.pointsInPeriod())
                .setTotalPoints(c.totalPoints())
                .setRulesetVersion(rulesetVersion);
        for (Cohorts.Member m : c.members()) {
            b.addMembers(CohortMember.newBuilder().setLogin(m.login()).setGithubId(m.personId()).setLevel(m.level())
                    .setRole(m.role()).setPointsInPeriod(m.pointsInPeriod()).setTotalPoints(m.totalPoints()));
        }
        return b.build();
    }

    /** The domain period of a request; throws IllegalArgumentException for an unspecified one. */
    public static Leaderboards.Period fromProto(Period p) {
        return switch (p) {
            case PERIOD_WEEK -> Leaderboards.Period.WEEK;
            case PERIOD_MONTH -> Leaderboards.Period.MONTH;
            case PERIOD_YEAR -> Leaderboards.Period.YEAR;
            case PERIOD_ALL_TIME -> Leaderboards.Period.ALL_TIME;
            default -> throw new IllegalArgumentException(
                    "period must be one of PERIOD_WEEK, PERIOD_MONTH, PERIOD_YEAR, PERIOD_ALL_TIME");
        };
    }

    static Period toProto(Leaderboards.Period p) {
        return switch (p) {
            case WEEK -> Period.PERIOD_WEEK;
            case MONTH -> Period.PERIOD_MONTH;
            case YEAR -> Period.PERIOD_YEAR;
            case ALL_TIME -> Period.PERIOD_ALL_TIME;
        };
    }

    /** The as-of time of a request: the timestamp when set, else now. */
    public static Instant asOf(boolean has, Timestamp t) {
        return has ? Times.toInstant(t) : Instant.now();
    }

    /** An optional time of a request: the timestamp when set, else null. */
    public static Instant orNull(boolean has, Timestamp t) {
        return has ? Times.toInstant(t) : null;
    }
}
