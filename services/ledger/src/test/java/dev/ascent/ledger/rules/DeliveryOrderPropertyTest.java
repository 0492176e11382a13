package dev.ascent.ledger.rules;

import static dev.ascent.ledger.rules.Facts.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ascent.ledger.Contribution;
import dev.ascent.ruleset.Ruleset;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Determinism (RULES.md "Facts, ids and time"): the same contributions in any order, each delivered any number of
 * times (a redelivery possibly seen at a later time), in batches of any size, give identical ledgers, levels, roles,
 * badges, streaks and flagged states as folding them once in (occurred_at, event id) order. Histories are generated
 * over few people and few PR numbers so that the rules that look at other people's history (newcomer bonus, flags,
 * reverts) interact.
 */
class DeliveryOrderPropertyTest {

    static final Ruleset RULES = Ruleset.loadDefault();
    static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
    static final Instant AS_OF = Instant.parse("2026-04-01T00:00:00Z");
    static final String[] STATES = {"approved", "changes_requested", "commented"};
    static final String[] ARCHS = {"amd64", "arm64", "riscv64", "s390x"};
    static final String[] TEAMS = {"python/triage", "python/python-core", "python/steering-council"};

    /** The author of PR number n in generated histories, so merges, reviews, flags and reverts meet. */
    static long authorOf(long n) {
        return n % 5 + 1;
    }

    @Provide
    Arbitrary<List<Contribution>> histories() {
        Arbitrary<Contribution> one = Combinators.combine(
                Arbitraries.integers().between(0, 15),
                Arbitraries.longs().between(1, 5),
                Arbitraries.longs().between(1, 5),
                Arbitraries.longs().between(1, 8),
                Arbitraries.integers().between(0, 60 * 24 * 60),
                Arbitraries.integers().between(0, 3))
                .as((kind, who, other, n, minute, variant) -> contribution(kind, who, other, n,
                        START.plus(Duration.ofMinutes(minute)), variant));
        return one.list().ofMinSize(1).ofMaxSize(120);
    }

    static Contribution contribution(int kind, long who, long other, long n, Instant at, int variant) {
        long author = authorOf(n);
        return switch (kind) {
            case 0 -> issueOpened(who, n, at);
            case 1 -> triaged(who, other, n, at, variant % 2 == 0 ? "type-bug" : "docs");
            case 2 -> closedByTriage(who, other, n, at);
            case 3 -> comment(who, n, at.getEpochSecond() % 97, at);
            case 4 -> prOpened(author, n, at);
            case 5 -> merged(author, n, at);
            case 6 -> coAuthored(who, author, n, at);
            case 7 -> mergedOther(who, author, n, at);
            case 8, 9 -> review(who, author, n, at.getEpochSecond() % 89, STATES[variant % 3], at);
            case 10 -> flagged(author, n, at);
            case 11 -> reverted(who, n, at);
            case 12 -> team(variant % 2 == 0 ? "team.joined" : "team.left", who, TEAMS[variant % 3], at);
            case 13 -> patchPassed(author, n, ARCHS[variant], at);
            case 14 -> flagCleared(who, 42, at);
            default -> pep(variant % 2 == 0 ? "pep.created" : "pep.accepted", who, 8000 + n % 3,
                    variant < 2 ? "author" : variant == 2 ? "sponsor" : "delegate", at);
        };
    }

    @Property(tries = 400)
    void anyOrderAnyRedeliveryAnyBatchingGivesTheSameLedgers(@ForAll("histories") List<Contribution> history,
            @ForAll Random random) {
        List<Contribution> sorted = new ArrayList<>(history);
        sorted.sort(Contribution.FOLD_ORDER);
        LedgerEngine reference = new LedgerEngine(RULES);
        reference.add(sorted);

        List<Contribution> deliveries = new ArrayList<>();
        for (Contribution c : history) {
            int times = 1 + random.nextInt(3);
            for (int i = 0; i < times; i++) {
                // a redelivery may be seen later than the fact happened: the earliest time is kept
                deliveries.add(i > 0 && random.nextBoolean()
                        ? at(c, c.occurredAt().plus(Duration.ofMinutes(1 + random.nextInt(5000))))
                        : c);
            }
        }
        Collections.shuffle(deliveries, random);
        LedgerEngine delivered = new LedgerEngine(RULES);
        for (int i = 0; i < deliveries.size();) {
            int size = 1 + random.nextInt(10);
            delivered.add(deliveries.subList(i, Math.min(deliveries.size(), i + size)));
            i += size;
        }

        assertEquals(new TreeSet<>(reference.people()), new TreeSet<>(delivered.people()));
        for (long person : reference.people()) {
            PersonLedger expected = reference.ledger(person).orElseThrow();
            PersonLedger actual = delivered.ledger(person).orElseThrow();
            assertEquals(expected, actual, "ledger of person " + person);
            assertEquals(Standings.of(RULES, expected, AS_OF), Standings.of(RULES, actual, AS_OF),
                    "standing of person " + person);
        }
        assertEquals(reference.entryCount(), delivered.entryCount());
    }

    @Property(tries = 300)
    void foldingOneByOneInOrderEqualsFoldingAllAtOnce(@ForAll("histories") List<Contribution> history) {
        List<Contribution> sorted = new ArrayList<>(history);
        sorted.sort(Contribution.FOLD_ORDER);
        LedgerEngine once = new LedgerEngine(RULES);
        once.add(sorted);
        LedgerEngine stepwise = new LedgerEngine(RULES);
        sorted.forEach(c -> stepwise.add(List.of(c)));
        for (long person : once.people()) {
            assertEquals(once.ledger(person), stepwise.ledger(person), "ledger of person " + person);
        }
        assertEquals(once.people(), stepwise.people());
    }
}
