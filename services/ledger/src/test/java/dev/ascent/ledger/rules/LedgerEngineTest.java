package dev.ascent.ledger.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ascent.ledger.Contribution;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class LedgerEngineTest {

    static final Ruleset RULES = Ruleset.loadDefault();
    static final long ADA = 1, BOB = 2, CY = 3;
    static final Instant DAY = Instant.parse("2026-03-02T10:00:00Z");

    static Contribution c(String kind, long who, long targetAuthor, int number, Instant at, String credit, String state,
            String suffix) {
        String id = kind + ":python/cpython#" + number + ":" + who + suffix;
        return new Contribution(id, kind, who, "user" + who, at, "python/cpython", number, targetAuthor, false,
                "https://github.com/python/cpython/issues/" + number, credit, state);
    }

    static Contribution comment(long who, int number, int commentId, Instant at) {
        return c("issue.commented", who, who, number, at, "", "", ":c" + commentId);
    }

    static Contribution merged(long who, int number, Instant at) {
        return c("pr.merged", who, who, number, at, "author", "", "");
    }

    static Contribution review(long who, long author, int number, int reviewId, String state, Instant at) {
        return c("pr.reviewed", who, author, number, at, "", state, ":r" + reviewId);
    }

    static Standing fold(List<Contribution> cs, long who) {
        LedgerEngine engine = new LedgerEngine(RULES);
        engine.add(cs);
        return engine.standing(who).orElseThrow();
    }

    @Test
    void sixthCommentOfADayIsRecordedWithZeroPointsAndTheReason() {
        List<Contribution> cs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            cs.add(comment(ADA, 10, i, DAY.plusSeconds(i)));
        }
        Standing s = fold(cs, ADA);
        assertEquals(5, s.points());
        assertEquals(6, s.entries().size());
        LedgerEntry sixth = s.entries().get(5);
        assertEquals(0, sixth.points());
        assertTrue(sixth.sentence().contains("daily limit of 5 issue comments reached"), sixth.sentence());
        // the next UTC day starts a new count
        cs.add(comment(ADA, 10, 7, Instant.parse("2026-03-03T00:00:00Z")));
        assertEquals(6, fold(cs, ADA).points());
    }

    @Test
    void firstMergeCarriesTheBonusOnce() {
        Standing s = fold(List.of(merged(ADA, 1, DAY), merged(ADA, 2, DAY.plusSeconds(60))), ADA);
        assertEquals(20 + 25 + 20, s.points());
        assertEquals(2, s.mergedPrs());
        assertEquals("bonus.first-merge", s.entries().get(1).ruleId());
    }

    @Test
    void coAuthorEarnsTenAndTheFirstMergeBonus() {
        Contribution co = c("pr.merged", BOB, ADA, 5, DAY, "co-author", "", "");
        assertEquals(10 + 25, fold(List.of(co), BOB).points());
    }

    @Test
    void reviewsCountOncePerPrAndNeverForTheAuthor() {
        List<Contribution> cs = List.of(
                merged(ADA, 99, DAY.minusSeconds(3600)), // ADA is no newcomer any more
                review(BOB, ADA, 7, 1, "commented", DAY),
                review(BOB, ADA, 7, 2, "approved", DAY.plusSeconds(1)),
                review(ADA, ADA, 7, 3, "approved", DAY.plusSeconds(2)));
        LedgerEngine engine = new LedgerEngine(RULES);
        engine.add(cs);
        Standing bob = engine.standing(BOB).orElseThrow();
        assertEquals(2, bob.points(), "the first review that earns points uses the PR");
        assertEquals(0, bob.entries().get(1).points());
        Standing ada = engine.standing(ADA).orElseThrow();
        assertEquals(45, ada.points(), "a self-review earns nothing");
    }

    @Test
    void newcomerReviewBonusOnlyBeforeTheAuthorsFirstMerge() {
        List<Contribution> cs = List.of(
                review(BOB, ADA, 7, 1, "approved", DAY),
                merged(ADA, 7, DAY.plusSeconds(60)),
                review(BOB, ADA, 8, 2, "approved", DAY.plusSeconds(120)));
        Standing bob = fold(cs, BOB);
        assertEquals(6 + 4 + 6, bob.points());
    }

    @Test
    void reviewsShareADailyLimitOfFifteen() {
        List<Contribution> cs = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            cs.add(review(BOB, ADA, 100 + i, i, "commented", DAY.plusSeconds(i)));
        }
        cs.add(merged(ADA, 1, DAY.minusSeconds(10))); // no newcomer bonuses
        assertEquals(15 * 2, fold(cs, BOB).points());
    }

    @Test
    void levelsFollowTheThresholds() {
        assertEquals(1, RULES.levelFor(-30));
        assertEquals(1, RULES.levelFor(9));
        assertEquals(2, RULES.levelFor(10));
        assertEquals(3, RULES.levelFor(74));
        assertEquals(4, RULES.levelFor(75));
        assertEquals(10, RULES.levelFor(5000));
        assertEquals(30, RULES.nextLevelPoints(2));
        assertEquals(0, RULES.nextLevelPoints(10));
    }

    @Test
    void rolesNewcomerContributorRegular() {
        Instant asOf = Instant.parse("2026-06-15T00:00:00Z");
        assertEquals("newcomer", Roles.roleOf(RULES, true, 0, List.of(), asOf));
        assertEquals("contributor", Roles.roleOf(RULES, true, 1, List.of(), asOf));
        List<java.time.YearMonth> months = List.of(java.time.YearMonth.of(2025, 7), java.time.YearMonth.of(2026, 1),
                java.time.YearMonth.of(2026, 6));
        assertEquals("regular", Roles.roleOf(RULES, true, 10, months, asOf));
        // 2025-06 is outside the 12 months ending in 2026-06
        List<java.time.YearMonth> old = List.of(java.time.YearMonth.of(2025, 6), java.time.YearMonth.of(2026, 1),
                java.time.YearMonth.of(2026, 6));
        assertEquals("contributor", Roles.roleOf(RULES, true, 10, old, asOf));
    }

    @Test
    void anyDeliveryOrderWithDuplicatesGivesTheSameLedgers() {
        Random random = new Random(42);
        List<Contribution> history = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            long who = 1 + random.nextInt(4);
            long author = 1 + random.nextInt(4);
            int pr = random.nextInt(30);
            Instant at = DAY.plusSeconds(random.nextInt(5 * 86_400));
            history.add(switch (random.nextInt(5)) {
                case 0 -> comment(who, pr, i, at);
                case 1 -> c("issue.opened", who, who, pr, at, "", "", "");
                case 2 -> merged(author, pr, at);
                case 3 -> review(who, author, pr, i, random.nextBoolean() ? "approved" : "commented", at);
                default -> c("pr.opened", who, who, pr, at, "", "", "");
            });
        }
        Map<Long, Standing> expected = standings(history, 1);
        for (int round = 0; round < 20; round++) {
            List<Contribution> delivered = new ArrayList<>(history);
            delivered.addAll(history.subList(0, random.nextInt(history.size())));
            Collections.shuffle(delivered, random);
            assertEquals(expected, standings(delivered, 1 + random.nextInt(40)), "round " + round);
        }
    }

    /** Feeds the engine in batches of the given size, as a consumer would. */
    private static Map<Long, Standing> standings(List<Contribution> delivered, int batch) {
        LedgerEngine engine = new LedgerEngine(RULES);
        for (int i = 0; i < delivered.size(); i += batch) {
            engine.add(delivered.subList(i, Math.min(delivered.size(), i + batch)));
        }
        Map<Long, Standing> out = new TreeMap<>();
        for (long p : engine.people()) {
            out.put(p, engine.standing(p).orElseThrow());
        }
        return out;
    }
}
