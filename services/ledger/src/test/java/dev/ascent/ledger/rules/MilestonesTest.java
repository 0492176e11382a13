package dev.ascent.ledger.rules;

import static dev.ascent.ledger.rules.Facts.comment;
import static dev.ascent.ledger.rules.Facts.merged;
import static dev.ascent.ledger.rules.Facts.reverted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ascent.ledger.Contribution;
import dev.ascent.ruleset.Ruleset;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Level-ups and badges earned, per person and merged over everyone. */
class MilestonesTest {

    static final Ruleset RULES = Ruleset.loadDefault();
    static final long ADA = 1, BOB = 2;
    static final Instant T = Instant.parse("2026-03-02T10:00:00Z");

    static PersonLedger ledger(List<Contribution> cs, long who) {
        LedgerEngine engine = new LedgerEngine(RULES);
        engine.add(cs);
        return engine.ledger(who).orElseThrow();
    }

    static Instant day(int d) {
        return T.plus(Duration.ofDays(d));
    }

    static Milestones.Milestone level(int level, Instant at) {
        return new Milestones.Milestone(ADA, "user1", at, level, "", "");
    }

    static Milestones.Milestone badge(String id, Instant at) {
        String description = RULES.badges().stream().filter(b -> b.id().equals(id)).findFirst().orElseThrow()
                .description();
        return new Milestones.Milestone(ADA, "user1", at, 0, id, description);
    }

    @Test
    void aLevelUpIsOneMilestoneForTheLevelLandedOnAndLevelOneIsNone() {
        PersonLedger ada = ledger(List.of(
                comment(ADA, 1, 1, day(0)), // 1 point: level 1, the first-steps badge
                merged(ADA, 5, day(1)), // +45 = 46: level 3, over level 2
                comment(ADA, 1, 2, day(2))), ADA);

        assertEquals(List.of(badge("first-steps", day(0)), level(3, day(1)), badge("first-merge", day(1))),
                Milestones.of(RULES, ada));
    }

    @Test
    void aLevelAndABadgeLostToARevertAndReachedAgainAreNewMilestones() {
        PersonLedger ada = ledger(List.of(
                merged(ADA, 5, day(0)), // 45: level 3
                reverted(BOB, 5, day(1)), // -45: level 1, the merge badges gone
                merged(ADA, 6, day(2)), // 20 (the first-merge bonus is not granted again): level 2
                merged(ADA, 7, day(3))), ADA); // 40: level 3 again

        List<Milestones.Milestone> milestones = Milestones.of(RULES, ada);

        assertEquals(List.of(
                level(3, day(0)), badge("first-steps", day(0)), badge("first-merge", day(0)),
                level(2, day(2)), badge("first-steps", day(2)), badge("first-merge", day(2)),
                level(3, day(3))), milestones);
        // every badge the standing shows at any time is a milestone at its earned-at
        for (LedgerEntry e : ada.entries()) {
            for (Standings.EarnedBadge b : Standings.of(RULES, ada, e.occurredAt()).badges()) {
                assertTrue(milestones.contains(badge(b.id(), b.earnedAt())), b + " as of " + e.occurredAt());
            }
        }
    }

    @Test
    void aStreakBadgeIsEarnedWithTheLineThatCompletesTheRun() {
        List<Contribution> cs = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            cs.add(comment(ADA, 1, w, day(7 * w)));
        }
        List<Milestones.Milestone> milestones = Milestones.of(RULES, ledger(cs, ADA));

        assertEquals(List.of(badge("first-steps", day(0)), badge("streak-4", day(21))), milestones);
        assertEquals(day(21), Standings.of(RULES, ledger(cs, ADA), day(30)).badges().stream()
                .filter(b -> b.id().equals("streak-4")).findFirst().orElseThrow().earnedAt());
    }

    static Milestones.Milestone of(long who, Instant at, int level) {
        return new Milestones.Milestone(who, "user" + who, at, level, "", "");
    }

    @Test
    void recentMergesEveryonesMilestonesNewestFirstByTheAsOfTimeLeavingOutWhoIsNotListed() {
        List<Milestones.Milestone> ada = List.of(of(1, day(0), 2), of(1, day(3), 3), of(1, day(9), 4));
        List<Milestones.Milestone> bob = List.of(of(2, day(1), 2), of(2, day(3), 3));
        List<Milestones.Milestone> cy = List.of(of(3, day(2), 2), of(3, day(4), 3));
        List<Milestones.Milestone> dee = List.of(of(4, day(10), 2));

        assertEquals(List.of(of(1, day(3), 3), of(2, day(3), 3), of(3, day(2), 2), of(2, day(1), 2)),
                Milestones.recent(List.of(ada, bob, cy, dee), day(3), 4, id -> true),
                "by the as-of time; ties by person");
        assertEquals(List.of(of(1, day(9), 4), of(3, day(4), 3), of(1, day(3), 3), of(3, day(2), 2),
                of(1, day(0), 2)), Milestones.recent(List.of(ada, bob, cy, dee), day(9), 10, id -> id != 2));
        assertEquals(List.of(), Milestones.recent(List.of(ada, dee), day(-1), 10, id -> true));
    }
}
