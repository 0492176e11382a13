package dev.ascent.ledger.rules;

import dev.ascent.ruleset.Ruleset;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Leaderboards: the people with the most points earned in a period ending at the as-of time, flagged people and
 * people who asked to be left out not counted (bots never have a ledger). Ties share a rank and are listed by login.
 * Pure.
 */
public final class Leaderboards {

    private Leaderboards() {
    }

    /** The period a leaderboard counts points in. */
    public enum Period {
        WEEK, MONTH, YEAR, ALL_TIME
    }

    /** One person on a leaderboard. */
    public record Row(int rank, long personId, String login, long points, int level) {
    }

    /** A leaderboard; {@code from} is null for all time. */
    public record Board(Period period, Instant from, Instant to, List<Row> rows) {
    }

    /** The first instant of the period the as-of time falls in; null for all time. */
    public static Instant periodStart(Period period, Instant asOf) {
        LocalDate day = asOf.atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate first = switch (period) {
            case WEEK -> Standings.monday(asOf);
            case MONTH -> day.withDayOfMonth(1);
            case YEAR -> day.withDayOfYear(1);
            case ALL_TIME -> null;
        };
        return first == null ? null : first.atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    /** The top {@code limit} people by points earned in the period, flagged people left out. */
    public static Board of(Ruleset rules, Collection<PersonLedger> ledgers, Period period, Instant asOf, int limit) {
        return of(rules, ledgers, period, asOf, limit, listed(rules, asOf, Set.of()));
    }

    /**
     * The top {@code limit} people by points earned in the period, of those {@code listed} accepts (ranks are counted
     * among them only). {@code listed} is asked only about people with points in the period.
     */
    public static Board of(Ruleset rules, Collection<PersonLedger> ledgers, Period period, Instant asOf, int limit,
            Predicate<PersonLedger> listed) {
        Instant from = periodStart(period, asOf);
        record Scored(PersonLedger ledger, long points) {
        }
        List<Scored> scored = new ArrayList<>();
        for (PersonLedger l : ledgers) {
            long pts = Standings.pointsBetween(l, from, asOf);
            if (pts > 0 && listed.test(l)) {
                scored.add(new Scored(l, pts));
            }
        }
        scored.sort(Comparator.comparingLong(Scored::points).reversed()
                .thenComparing(s -> s.ledger().login())
                .thenComparingLong(s -> s.ledger().personId()));
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < scored.size() && i < limit; i++) {
            Scored s = scored.get(i);
            int rank = i > 0 && scored.get(i - 1).points() == s.points() ? rows.get(i - 1).rank() : i + 1;
            long total = Standings.pointsBetween(s.ledger(), null, asOf);
            rows.add(new Row(rank, s.ledger().personId(), s.ledger().login(), s.points(), rules.levelFor(total)));
        }
        return new Board(period, from, asOf, List.copyOf(rows));
    }

    /**
     * Who a leaderboard (or any public list) shows as of a time: people neither flagged then nor {@code hidden} (left
     * out at their own request). The answer for each person is remembered, so one predicate serves several boards
     * of one read; not thread-safe.
     */
    public static Predicate<PersonLedger> listed(Ruleset rules, Instant asOf, Set<Long> hidden) {
        Map<Long, Boolean> flagged = new HashMap<>();
        return l -> !hidden.contains(l.personId())
                && !flagged.computeIfAbsent(l.personId(), id -> Standings.flagged(rules, l, asOf));
    }
}
