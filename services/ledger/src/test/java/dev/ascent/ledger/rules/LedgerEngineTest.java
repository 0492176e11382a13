package dev.ascent.ledger.rules;

import static dev.ascent.ledger.rules.Facts.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ascent.ledger.Contribution;
import dev.ascent.ruleset.Ruleset;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each rule of RULES.md with its edge, on the pure engine. */
class LedgerEngineTest {

    static final Ruleset RULES = Ruleset.loadDefault();
    static final long ADA = 1, BOB = 2, CY = 3, DEE = 4, BOT = 99;
    static final Instant DAY = Instant.parse("2026-03-02T10:00:00Z");
    static final Instant LATER = Instant.parse("2027-01-01T00:00:00Z");

    static LedgerEngine engine(List<Contribution> cs) {
        LedgerEngine engine = new LedgerEngine(RULES);
        engine.add(cs);
        return engine;
    }

    static PersonLedger ledger(List<Contribution> cs, long who) {
        return engine(cs).ledger(who).orElseThrow();
    }

    static Standings.Standing standing(List<Contribution> cs, long who, Instant asOf) {
        return Standings.of(RULES, ledger(cs, who), asOf);
    }

    static long points(List<Contribution> cs, long who) {
        return standing(cs, who, LATER).points();
    }

    static Instant day(int d) {
        return DAY.plus(Duration.ofDays(d));
    }

    static List<String> badges(Standings.Standing s) {
        return s.badges().stream().map(Standings.EarnedBadge::id).toList();
    }

    @Test
    void fifthCommentOfADayEarnsTheSixthIsRecordedWithZeroAndTheReason() {
        List<Contribution> cs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            cs.add(comment(ADA, 10, i, DAY.plusSeconds(i)));
        }
        PersonLedger l = ledger(cs, ADA);
        assertEquals(1, l.entries().get(4).points());
        assertEquals(0, l.entries().get(5).points());
        assertTrue(l.entries().get(5).sentence().endsWith("daily limit of 5 issue comments reached"),
                l.entries().get(5).sentence());
        cs.add(comment(ADA, 10, 7, Instant.parse("2026-03-03T00:00:00Z"))); // a new UTC day
        assertEquals(6, points(cs, ADA));
    }

    @Test
    void triageIsOncePerPersonPerIssueAcrossBothKindsAndTenPerDay() {
        List<Contribution> cs = new ArrayList<>(List.of(
                triaged(ADA, BOB, 1, DAY, "type-bug"),
                closedByTriage(ADA, BOB, 1, DAY.plusSeconds(1)))); // same issue: shares the once-per-issue
        assertEquals(3, points(cs, ADA));
        assertTrue(ledger(cs, ADA).entries().get(1).sentence().contains("only the first triage action per person"));
        for (int n = 2; n <= 11; n++) {
            cs.add(triaged(ADA, BOB, n, DAY.plusSeconds(n), "docs"));
        }
        assertEquals(30, points(cs, ADA)); // 10 per day: the 11th issue of the day earns nothing
        LedgerEntry eleventh = ledger(cs, ADA).entries().get(11);
        assertTrue(eleventh.sentence().endsWith("daily limit of 10 triage actions reached"), eleventh.sentence());
        // held back by the limit, so issue 11's once-per-issue is still unused the next day
        cs.add(closedByTriage(ADA, BOB, 11, day(1)));
        assertEquals(33, points(cs, ADA));
    }

    @Test
    void aSelfReviewEarnsNothingAndReviewsCountOncePerPr() {
        List<Contribution> cs = List.of(
                review(ADA, ADA, 5, 1, "approved", DAY),
                review(BOB, ADA, 5, 2, "commented", DAY.plusSeconds(1)),
                review(BOB, ADA, 5, 3, "approved", DAY.plusSeconds(2)));
        assertEquals(0, points(cs, ADA));
        assertTrue(ledger(cs, ADA).entries().get(0).sentence().contains("own pull request"));
        // commented 2 + newcomer bonus 4; the approval after it is the second review of the PR
        assertEquals(6, points(cs, BOB));
        assertEquals("pr.reviewed.commented", ledger(cs, BOB).entries().get(0).ruleId());
        assertEquals(0, ledger(cs, BOB).entries().get(2).points());
    }

    @Test
    void fifteenReviewsADay() {
        List<Contribution> cs = new ArrayList<>();
        for (int n = 0; n < 16; n++) {
            cs.add(review(BOB, CY, 100 + n, n, "changes_requested", DAY.plusSeconds(n)));
        }
        PersonLedger l = ledger(cs, BOB);
        assertEquals(15 * (6 + 4), points(cs, BOB));
        assertTrue(l.entries().get(l.entries().size() - 1).sentence().endsWith("daily limit of 15 reviews reached"));
    }

    @Test
    void firstMergeBonusOnceAndCoAuthorsEarnTen() {
        List<Contribution> cs = List.of(
                merged(ADA, 1, DAY), merged(ADA, 2, day(1)),
                coAuthored(BOB, ADA, 2, day(1)), mergedOther(CY, ADA, 2, day(1)));
        assertEquals(20 + 25 + 20, points(cs, ADA));
        assertEquals(10 + 25, points(cs, BOB));
        assertEquals(4, points(cs, CY));
        assertEquals("bonus.first-merge", ledger(cs, ADA).entries().get(1).ruleId());
    }

    @Test
    void newcomerBonusOnlyBeforeTheAuthorsFirstMergeAndNeverForABotsPr() {
        List<Contribution> cs = List.of(
                review(BOB, ADA, 1, 1, "approved", DAY),
                merged(ADA, 1, day(1)),
                review(BOB, ADA, 2, 2, "approved", day(2)),
                botPrReview(BOB, BOT, 3, 3, day(3)));
        PersonLedger bob = ledger(cs, BOB);
        assertEquals(List.of(6, 4, 6, 6), bob.entries().stream().map(LedgerEntry::points).toList());
        assertEquals("bonus.newcomer-review", bob.entries().get(1).ruleId());
    }

    @Test
    void aFlagCostsTenAndEndsThePrsEarningForEveryone() {
        List<Contribution> cs = List.of(
                prOpened(ADA, 7, DAY),
                comment(BOB, 7, 1, DAY.plusSeconds(5)),
                flagged(ADA, 7, day(1)),
                comment(BOB, 7, 2, day(2)),
                review(CY, ADA, 7, 3, "approved", day(2)),
                merged(ADA, 7, day(3)));
        assertEquals(2 - 10, points(cs, ADA)); // the earlier entry stays
        assertEquals(1, points(cs, BOB));
        assertEquals(0, points(cs, CY));
        Standings.Standing ada = standing(cs, ADA, LATER);
        assertEquals(1, ada.level());
        assertEquals("newcomer", ada.role()); // merged after its flag: not a merged PR
        assertFalse(badges(ada).contains("first-merge"));
        assertTrue(ledger(cs, BOB).entries().get(1).sentence().contains("flagged spam before this"));
    }

    @Test
    void twoFlagsWithin720HoursMarkAPersonFlaggedUntilCleared() {
        Instant first = DAY;
        List<Contribution> apart = List.of(flagged(ADA, 1, first), flagged(ADA, 2, first.plus(Duration.ofHours(721))));
        assertFalse(standing(apart, ADA, LATER).flagged());
        List<Contribution> close = new ArrayList<>(List.of(flagged(ADA, 1, first),
                flagged(ADA, 2, first.plus(Duration.ofHours(720)))));
        assertTrue(standing(close, ADA, LATER).flagged());
        assertFalse(standing(close, ADA, first.plus(Duration.ofHours(719))).flagged()); // as of before the second
        close.add(flagCleared(ADA, 42, day(40)));
        assertFalse(standing(close, ADA, LATER).flagged());
        close.add(flagged(ADA, 3, day(41))); // flags before the clear no longer count
        assertFalse(standing(close, ADA, LATER).flagged());
        close.add(flagged(ADA, 4, day(42)));
        assertTrue(standing(close, ADA, LATER).flagged());
    }

    @Test
    void aRevertTakesBackTheMergeAndItsFirstMergeBonusForTheAuthorOnly() {
        List<Contribution> cs = new ArrayList<>(List.of(
                merged(ADA, 1, DAY), coAuthored(BOB, ADA, 1, DAY), mergedOther(CY, ADA, 1, DAY),
                reverted(DEE, 1, day(3))));
        PersonLedger ada = ledger(cs, ADA);
        LedgerEntry revert = ada.entries().get(2);
        assertEquals(-45, revert.points());
        assertEquals("pr.reverted", revert.ruleId());
        assertNotNull(ada.entries().get(0).takenBackAt());
        assertEquals(0, points(cs, ADA));
        Standings.Standing s = standing(cs, ADA, LATER);
        assertEquals("", s.role().equals("newcomer") ? "" : s.role());
        assertFalse(badges(s).contains("first-merge"));
        assertTrue(badges(standing(cs, ADA, day(2))).contains("first-merge")); // as it stood before the revert
        // co-author and merger keep their points, but #1 is no longer merged for anyone
        Standings.Standing bob = standing(cs, BOB, LATER);
        assertEquals(35, bob.points());
        assertEquals("newcomer", bob.role());
        assertEquals(4, points(cs, CY));
        // the first-merge bonus is not granted again
        cs.add(merged(ADA, 2, day(5)));
        assertEquals(20, points(cs, ADA));
        assertEquals("contributor", standing(cs, ADA, LATER).role());
    }

    @Test
    void aRevertMakesTheAuthorANewcomerAgainForTheNewcomerBonus() {
        List<Contribution> cs = List.of(merged(ADA, 1, DAY), reverted(DEE, 1, day(1)),
                review(BOB, ADA, 2, 1, "approved", day(2)));
        assertEquals(10, points(cs, BOB));
    }

    @Test
    void aSelfRevertHasNoEffectAndARevertOfARevertRestoresNothing() {
        List<Contribution> self = List.of(merged(ADA, 1, DAY), reverted(ADA, 1, day(1)));
        assertEquals(45, points(self, ADA));
        assertTrue(ledger(self, ADA).entries().get(2).sentence().contains("own author"));
        List<Contribution> twice = List.of(merged(ADA, 1, DAY), reverted(BOB, 1, day(1)), merged(BOB, 2, day(1)),
                reverted(CY, 2, day(2)));
        assertEquals(0, points(twice, ADA));
        assertEquals(0, points(twice, BOB));
    }

    @Test
    void teamRolesComeAndGoWithMembership() {
        List<Contribution> cs = new ArrayList<>(List.of(
                comment(ADA, 1, 1, DAY),
                team("team.joined", ADA, "python/triage", day(1))));
        Standings.Standing s = standing(cs, ADA, LATER);
        assertEquals("triager", s.role());
        assertEquals(List.of("python/triage"), s.teams());
        assertEquals("a core developer offers mentorship and opens the vote", s.nextStep());
        cs.add(team("team.left", ADA, "python/triage", day(30)));
        assertEquals("newcomer", standing(cs, ADA, LATER).role());
        assertEquals("triager", standing(cs, ADA, day(29)).role());
        List<Contribution> core = List.of(team("team.joined", BOB, "python/python-core", DAY));
        assertEquals("core-developer", standing(core, BOB, LATER).role());
    }

    @Test
    void progressShowsEachCriterionOfTheNextRolesAndUnearnedBadges() {
        List<Contribution> cs = List.of(merged(ADA, 1, DAY), review(ADA, BOB, 2, 1, "approved", DAY));
        Standings.Standing s = standing(cs, ADA, day(1));
        assertEquals("contributor", s.role());
        assertEquals("keep contributing", s.nextStep());
        assertEquals(20 + 25 + 6 + 4, s.points());
        assertEquals(75 - 55, s.pointsToNextLevel());
        Standings.RoleProgress regular = s.roles().get(0);
        assertEquals("regular", regular.role());
        assertEquals(new Standings.CriterionProgress("merged_prs", 1, 10, 0), regular.criteria().get(0));
        assertEquals(new Standings.CriterionProgress("active_months", 1, 3, 12), regular.criteria().get(1));
        assertEquals("keep contributing", regular.nextStep());
        Standings.RoleProgress triager = s.roles().get(1);
        assertEquals("team:triage", triager.heldBy());
        assertEquals("ask a core developer to propose you for the triage team", triager.nextStep());
        assertEquals(new Standings.CriterionProgress("reviews", 1, 20, 12), triager.criteria().get(1));
        assertTrue(s.unearnedBadges().contains(new Standings.BadgeProgress("merges-10",
                "10 merged PRs (author or co-author)", 1, 10)));
        // earned at the same time: in the ruleset's order
        assertEquals(List.of("first-steps", "first-review", "first-merge"), badges(s));
    }

    @Test
    void regularNeedsTenMergesAndThreeActiveMonthsOfTheLastTwelve() {
        List<Contribution> cs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            cs.add(merged(ADA, i + 1, Instant.parse("2026-01-10T00:00:00Z").plus(Duration.ofDays(i * 10L))));
        }
        // merges in January, February (x3) and March, April: 4 active months
        assertEquals("regular", standing(cs, ADA, Instant.parse("2026-06-01T00:00:00Z")).role());
        // by March 2027 only months from April 2026 count: one active month left
        assertEquals("contributor", standing(cs, ADA, Instant.parse("2027-03-01T00:00:00Z")).role());
        assertTrue(badges(standing(cs, ADA, LATER)).contains("merges-10"));
    }

    @Test
    void pepsScoreByCapacity() {
        List<Contribution> cs = List.of(
                pep("pep.created", ADA, 799, "author", DAY), pep("pep.created", BOB, 799, "sponsor", DAY),
                pep("pep.accepted", ADA, 799, "author", day(30)), pep("pep.accepted", CY, 799, "delegate", day(30)),
                pep("pep.final", ADA, 799, "author", day(90)));
        assertEquals(200, points(cs, ADA));
        assertEquals(20, points(cs, BOB));
        assertEquals(20, points(cs, CY));
        assertTrue(badges(standing(cs, ADA, LATER)).containsAll(List.of("pep-author", "pep-accepted")));
        assertFalse(badges(standing(cs, BOB, LATER)).contains("pep-author"));
    }

    @Test
    void patchPassedOncePerArchitectureAndGreenEverywhere() {
        List<Contribution> cs = new ArrayList<>(List.of(patchPassed(ADA, 5, "amd64", DAY),
                patchPassed(ADA, 5, "arm64", DAY), patchPassed(ADA, 5, "s390x", DAY)));
        assertEquals(2, points(cs, ADA));
        assertFalse(badges(standing(cs, ADA, LATER)).contains("green-everywhere"));
        cs.add(patchPassed(ADA, 5, "riscv64", day(1)));
        assertTrue(badges(standing(cs, ADA, LATER)).contains("green-everywhere"));
    }

    @Test
    void streaksCountConsecutiveIsoWeeksWithPoints() {
        Instant monday = Instant.parse("2026-03-02T08:00:00Z");
        List<Contribution> cs = new ArrayList<>();
        for (int w = 0; w < 5; w++) {
            cs.add(comment(ADA, 1, w, monday.plus(Duration.ofDays(7L * w))));
        }
        cs.add(comment(ADA, 1, 10, monday.plus(Duration.ofDays(7 * 7))));
        Instant asOf = monday.plus(Duration.ofDays(7 * 7 + 1));
        Standings.Standing s = standing(cs, ADA, asOf);
        assertEquals(1, s.currentStreakWeeks());
        assertEquals(5, s.longestStreakWeeks());
        assertTrue(badges(s).contains("streak-4"));
        // the week after the last entry, with none yet: the run ending the week before still counts
        Standings.Standing next = standing(cs.subList(0, 5), ADA, monday.plus(Duration.ofDays(7 * 5 + 3)));
        assertEquals(5, next.currentStreakWeeks());
        Standings.Standing gap = standing(cs.subList(0, 5), ADA, monday.plus(Duration.ofDays(7 * 6 + 3)));
        assertEquals(0, gap.currentStreakWeeks());
    }

    @Test
    void levelsFollowTheThresholdsAndNegativeTotalsAreLevelOne() {
        assertEquals(1, standing(List.of(flagged(ADA, 1, DAY)), ADA, LATER).level());
        assertEquals(-10, points(List.of(flagged(ADA, 1, DAY)), ADA));
        List<Contribution> cs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            cs.add(issueOpened(ADA, i, DAY.plusSeconds(i)));
        }
        assertEquals(2, standing(cs, ADA, LATER).level()); // exactly 10
        assertEquals(30, standing(cs, ADA, LATER).nextLevelPoints());
    }

    @Test
    void theEarliestTimeOfAnEventIdIsKeptAndTheHighestRevisionWins() {
        Contribution c = comment(ADA, 1, 1, day(3));
        LedgerEngine e = engine(List.of(c, at(c, DAY), at(c, day(5))));
        assertEquals(DAY, e.ledger(ADA).orElseThrow().entries().get(0).occurredAt());
        Contribution co = coAuthored(BOB, ADA, 1, DAY);
        e.add(List.of(restated(co, 1, false)));
        assertEquals(35, Standings.pointsBetween(e.ledger(BOB).orElseThrow(), null, LATER));
        e.add(List.of(restated(co, 2, true))); // the identity link was undone
        assertTrue(e.ledger(BOB).isEmpty());
        e.add(List.of(restated(co, 1, false))); // an older revision cannot come back
        assertTrue(e.ledger(BOB).isEmpty());
        e.add(List.of(restated(co, 3, false)));
        assertEquals(35, Standings.pointsBetween(e.ledger(BOB).orElseThrow(), null, LATER));
    }

    @Test
    void everyLineCarriesItsRuleVersionSentenceAndLink() {
        LedgerEntry e = ledger(List.of(merged(ADA, 12, DAY)), ADA).entries().get(0);
        assertEquals("pr.merged:python/cpython#12:1", e.eventId());
        assertEquals("pr.merged.author", e.ruleId());
        assertEquals("v1", e.rulesetVersion());
        assertEquals("Pull request python/cpython#12 merged", e.sentence());
        assertEquals("https://github.com/python/cpython/issues/12", e.url());
    }

    @Test
    void leaderboardsCountThePeriodLeaveOutFlaggedPeopleAndShareRanks() {
        Instant asOf = Instant.parse("2026-03-04T12:00:00Z"); // a Wednesday
        List<Contribution> cs = List.of(
                merged(ADA, 1, Instant.parse("2026-02-10T00:00:00Z")), // last month
                issueOpened(BOB, 2, Instant.parse("2026-03-02T01:00:00Z")),
                issueOpened(CY, 3, Instant.parse("2026-03-03T01:00:00Z")),
                flagged(DEE, 4, Instant.parse("2026-03-01T00:00:00Z")),
                flagged(DEE, 5, Instant.parse("2026-03-02T00:00:00Z")),
                issueOpened(DEE, 6, Instant.parse("2026-03-03T00:00:00Z")));
        LedgerEngine e = engine(cs);
        var week = Leaderboards.of(RULES, e.ledgers(), Leaderboards.Period.WEEK, asOf, 10);
        assertEquals(List.of("user2", "user3"), week.rows().stream().map(Leaderboards.Row::login).toList());
        assertEquals(List.of(1, 1), week.rows().stream().map(Leaderboards.Row::rank).toList());
        assertEquals(Instant.parse("2026-03-02T00:00:00Z"), week.from());
        var all = Leaderboards.of(RULES, e.ledgers(), Leaderboards.Period.ALL_TIME, asOf, 10);
        assertEquals("user1", all.rows().get(0).login());
        assertEquals(45, all.rows().get(0).points());
        assertEquals(3, all.rows().get(0).level());
        assertEquals(List.of(1, 2, 2), all.rows().stream().map(Leaderboards.Row::rank).toList()); // DEE: flagged
    }
}
