package dev.ascent.ledger.rules;

import static dev.ascent.ledger.rules.Facts.comment;
import static dev.ascent.ledger.rules.Facts.issueOpened;
import static dev.ascent.ledger.rules.Facts.merged;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ascent.ruleset.Ruleset;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A cohort's standings: members, unknown logins, people who asked to be left out, the period and the sums. */
class CohortsTest {

    static final Ruleset RULES = Ruleset.loadDefault();
    static final long ADA = 1, BOB = 2, CY = 3, DEE = 4;
    static final Instant T = Instant.parse("2026-03-02T10:00:00Z");
    static final Instant FROM = T.plus(Duration.ofDays(10));
    static final Instant TO = T.plus(Duration.ofDays(20));
    static final Instant AS_OF = T.plus(Duration.ofDays(30));

    static final LedgerEngine ENGINE = new LedgerEngine(RULES);

    static {
        ENGINE.add(List.of(
                merged(ADA, 5, T), // 45, before the period
                comment(ADA, 1, 1, FROM), // 1, the period's first instant: in it
                comment(ADA, 1, 2, TO), // 1, the period's end: not in it
                comment(BOB, 1, 3, FROM.plusSeconds(1)), // 1
                issueOpened(BOB, 2, FROM.plusSeconds(2)), // 2
                comment(CY, 1, 4, FROM.plusSeconds(3)), // 1, but CY hides
                comment(DEE, 1, 5, AS_OF.plusSeconds(1)))); // DEE: nothing by the as-of time
    }

    static Optional<PersonLedger> byLogin(String login) {
        return ENGINE.ledgers().stream().filter(l -> l.login().equalsIgnoreCase(login)).findFirst();
    }

    static Cohorts.Cohort cohort(List<String> logins, Instant from, Instant to) {
        return Cohorts.of(RULES, logins, CohortsTest::byLogin, Set.of(CY), from, to, AS_OF);
    }

    @Test
    void membersAreListedOnceByPointsInThePeriodWithTheirStandingAsOfTheTime() {
        Cohorts.Cohort c = cohort(List.of("USER1", "user2", "user1", "nobody", " ", "user3", "user4", "Nobody"),
                FROM, TO);

        assertEquals(List.of(
                new Cohorts.Member(BOB, "user2", 1, "newcomer", 3, 3),
                new Cohorts.Member(ADA, "user1", 3, "contributor", 1, 47),
                new Cohorts.Member(DEE, "user4", 1, "", 0, 0)), c.members());
        assertEquals(List.of("nobody"), c.unknownLogins());
        assertEquals(1, c.hiddenMembers());
        assertEquals(4, c.pointsInPeriod());
        assertEquals(50, c.totalPoints());
    }

    @Test
    void anUnsetPeriodRunsFromTheBeginningToTheAsOfTime() {
        Cohorts.Cohort c = cohort(List.of("user1", "user4"), null, null);

        assertEquals(List.of(47L, 0L), c.members().stream().map(Cohorts.Member::pointsInPeriod).toList());
        assertEquals(47, c.pointsInPeriod());
    }

    @Test
    void aPeriodEndingAfterTheAsOfTimeCountsOnlyWhatHappenedByThen() {
        Cohorts.Cohort c = cohort(List.of("user4"), null, AS_OF.plus(Duration.ofDays(1)));

        assertEquals(0, c.members().get(0).pointsInPeriod());
    }

    @Test
    void tooManyLoginsOrAPeriodEndingBeforeItStartsAreRefused() {
        List<String> many = new ArrayList<>(Collections.nCopies(Cohorts.MAX_LOGINS, "user1"));
        assertEquals(1, cohort(many, null, null).members().size());
        many.add("user2");
        var tooMany = assertThrows(IllegalArgumentException.class, () -> cohort(many, null, null));
        assertTrue(tooMany.getMessage().contains("at most 5000 logins"), tooMany.getMessage());
        assertThrows(IllegalArgumentException.class, () -> cohort(List.of("user1"), TO, FROM));
        assertThrows(IllegalArgumentException.class, () -> cohort(List.of("user1"), AS_OF.plusSeconds(1), null),
                "an unset end is the as-of time");
        assertEquals(0, cohort(List.of("user1"), FROM, FROM).pointsInPeriod(), "an empty period is allowed");
    }
}
