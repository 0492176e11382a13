package dev.ascent.ledger.rules;

import static dev.ascent.ledger.rules.Facts.comment;
import static dev.ascent.ledger.rules.Facts.flagged;
import static dev.ascent.ledger.rules.Facts.merged;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ascent.ruleset.Ruleset;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who a leaderboard shows: neither flagged people nor people who asked to be left out, ranked among the rest. */
class LeaderboardsTest {

    static final Ruleset RULES = Ruleset.loadDefault();
    static final long ADA = 1, BOB = 2, CY = 3, DEE = 4;
    static final Instant T = Instant.parse("2026-03-02T10:00:00Z");

    @Test
    void hiddenAndFlaggedPeopleAreLeftOutAndRanksAreCountedWithoutThem() {
        LedgerEngine engine = new LedgerEngine(RULES);
        engine.add(List.of(merged(ADA, 5, T), merged(BOB, 6, T), comment(CY, 1, 1, T),
                merged(DEE, 9, T), flagged(DEE, 7, T.plusSeconds(3)), flagged(DEE, 8, T.plusSeconds(4)))); // DEE: 25
        Instant asOf = T.plus(Duration.ofDays(1));

        Leaderboards.Board all = Leaderboards.of(RULES, engine.ledgers(), Leaderboards.Period.ALL_TIME, asOf, 10,
                Leaderboards.listed(RULES, asOf, Set.of(ADA)));

        assertEquals(List.of("user2", "user3"), all.rows().stream().map(Leaderboards.Row::login).toList());
        assertEquals(List.of(1, 2), all.rows().stream().map(Leaderboards.Row::rank).toList());
        assertEquals(List.of("user1", "user2", "user3"), Leaderboards.of(RULES, engine.ledgers(),
                Leaderboards.Period.ALL_TIME, asOf, 10).rows().stream().map(Leaderboards.Row::login).toList(),
                "without hidden people, only the flagged one is left out");
    }
}
