package dev.ascent.ledger.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A person's points per ISO week (UTC, from Monday 00:00), as of a time: what the portal's contributor page charts.
 * A line counts in the week it happened in; points are summed as {@link Standings#pointsBetween} sums them (negative
 * lines included), so the last week's total is the standing's points. Pure.
 */
public final class Weeks {

    private Weeks() {
    }

    /**
     * One ISO week.
     *
     * @param start Monday 00:00 UTC
     * @param points the sum of the week's lines that happened by the as-of time
     * @param total the person's points at the end of the week, or at the as-of time for its own week
     */
    public record Week(Instant start, long points, long total) {
    }

    /** The {@code count} weeks ending with the as-of time's week, oldest first, weeks without lines included. */
    public static List<Week> series(PersonLedger ledger, Instant asOf, int count) {
        if (count <= 0) {
            return List.of();
        }
        LocalDate last = Standings.monday(asOf);
        LocalDate first = last.minusWeeks(count - 1L);
        Instant from = first.atStartOfDay().toInstant(ZoneOffset.UTC);
        long before = 0;
        long[] points = new long[count];
        for (LedgerEntry e : ledger.entries()) {
            Instant t = e.occurredAt();
            if (t.isAfter(asOf)) {
                continue;
            }
            if (t.isBefore(from)) {
                before += e.points();
            } else {
                points[(int) ChronoUnit.WEEKS.between(first, Standings.monday(t))] += e.points();
            }
        }
        List<Week> weeks = new ArrayList<>(count);
        long total = before;
        for (int i = 0; i < count; i++) {
            total += points[i];
            weeks.add(new Week(first.plusWeeks(i).atStartOfDay().toInstant(ZoneOffset.UTC), points[i], total));
        }
        return List.copyOf(weeks);
    }
}
