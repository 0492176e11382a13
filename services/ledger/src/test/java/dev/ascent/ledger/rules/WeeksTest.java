package dev.ascent.ledger.rules;

import static dev.ascent.ledger.rules.Facts.comment;
import static dev.ascent.ledger.rules.Facts.issueOpened;
import static dev.ascent.ledger.rules.Facts.merged;
import static dev.ascent.ledger.rules.Facts.reverted;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ascent.ledger.Contribution;
import dev.ascent.ruleset.Ruleset;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Points per ISO week (UTC), as the contributor page charts them. */
class WeeksTest {

    static final Ruleset RULES = Ruleset.loadDefault();
    static final long ADA = 1, BOB = 2;
    /** A Monday, 00:00 UTC. */
    static final Instant MON = Instant.parse("2026-03-02T00:00:00Z");

    static PersonLedger ledger(List<Contribution> cs, long who) {
        LedgerEngine engine = new LedgerEngine(RULES);
        engine.add(cs);
        return engine.ledger(who).orElseThrow();
    }

    static Instant week(int n) {
        return MON.plus(Duration.ofDays(7L * n));
    }

    @Test
    void weeksEndWithTheAsOfWeekIncludeEmptyOnesAndCountLinesInTheWeekTheyHappened() {
        Instant asOf = week(3).plus(Duration.ofDays(2)); // a Wednesday
        PersonLedger ada = ledger(List.of(
                issueOpened(ADA, 1, week(-1)), // 2, before the four weeks
                comment(ADA, 1, 1, week(0).plusSeconds(3600)), // 1
                comment(ADA, 1, 2, week(2).minusNanos(1)), // 1, the last instant of week 1
                merged(ADA, 5, week(2)), // 20 + 25, Monday 00:00 of week 2
                comment(ADA, 1, 3, asOf), // 1, at the as-of time: counted
                comment(ADA, 1, 4, asOf.plusNanos(1))), // after the as-of time: not counted
                ADA);

        List<Weeks.Week> weeks = Weeks.series(ada, asOf, 4);

        assertEquals(List.of(week(0), week(1), week(2), week(3)), weeks.stream().map(Weeks.Week::start).toList());
        assertEquals(List.of(1L, 1L, 45L, 1L), weeks.stream().map(Weeks.Week::points).toList());
        assertEquals(List.of(3L, 4L, 49L, 50L), weeks.stream().map(Weeks.Week::total).toList());
        assertEquals(Standings.of(RULES, ada, asOf).points(), weeks.get(3).total(), "agrees with the standing");
        assertEquals(Standings.pointsBetween(ada, null, asOf), weeks.get(3).total());
    }

    @Test
    void aRevertCountsNegativeInItsOwnWeek() {
        PersonLedger ada = ledger(List.of(merged(ADA, 5, week(0).plusSeconds(60)),
                reverted(BOB, 5, week(1).plusSeconds(60))), ADA);

        List<Weeks.Week> weeks = Weeks.series(ada, week(2), 3);

        assertEquals(List.of(45L, -45L, 0L), weeks.stream().map(Weeks.Week::points).toList());
        assertEquals(List.of(45L, 0L, 0L), weeks.stream().map(Weeks.Week::total).toList());
    }

    @Test
    void oneWeekIsTheAsOfWeekAlone() {
        PersonLedger ada = ledger(List.of(comment(ADA, 1, 1, week(0).plusSeconds(1)),
                comment(ADA, 1, 2, week(1).plusSeconds(1))), ADA);

        List<Weeks.Week> weeks = Weeks.series(ada, week(1).plusSeconds(5), 1);

        assertEquals(List.of(new Weeks.Week(week(1), 1, 2)), weeks);
    }
}
