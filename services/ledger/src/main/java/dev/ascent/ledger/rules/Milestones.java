package dev.ascent.ledger.rules;

import dev.ascent.ruleset.Ruleset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.TreeSet;
import java.util.function.LongPredicate;

/**
 * Milestones, what the portal's home page lists as recent: the levels people reached and the badges they earned,
 * each with the time it happened. A person's milestones depend only on their ledger (never on an as-of time), so
 * they are computed once per ledger and a read only merges them. Pure.
 *
 * <p>
 * A level is reached when the person's running total (their lines summed in time order, lines of one instant
 * together) goes up to it; a jump over several levels is one milestone, for the level landed on. Level 1 is never a
 * milestone. A revert that drops a person below a level and a later rise to it again make a new milestone.
 *
 * <p>
 * A badge is earned when the standing ({@link Standings}, the same badge logic) starts showing it; its time is the
 * badge's earned-at as the standing shows it then. A badge a revert took away and that is earned again later is a new
 * milestone.
 */
public final class Milestones {

    private Milestones() {
    }

    /**
     * A level reached or a badge earned.
     *
     * @param level the level reached; 0 for a badge
     * @param badgeId the badge earned; "" for a level
     */
    public record Milestone(long personId, String login, Instant occurredAt, int level, String badgeId,
            String badgeDescription) {
    }

    /** A person's milestones, oldest first (at one instant: the level first, then badges in the ruleset's order). */
    public static List<Milestone> of(Ruleset rules, PersonLedger ledger) {
        List<LedgerEntry> lines = new ArrayList<>(ledger.entries());
        lines.sort(Comparator.comparing(LedgerEntry::occurredAt)); // stable: fold order within an instant
        List<Milestone> out = new ArrayList<>();
        levels(rules, ledger, lines, out);
        badges(rules, ledger, lines, out);
        out.sort(Comparator.comparing(Milestone::occurredAt)); // stable: keeps the order within an instant
        return List.copyOf(out);
    }

    private static void levels(Ruleset rules, PersonLedger ledger, List<LedgerEntry> lines, List<Milestone> out) {
        long total = 0;
        int level = rules.levelFor(0);
        int i = 0;
        while (i < lines.size()) {
            Instant at = lines.get(i).occurredAt();
            while (i < lines.size() && lines.get(i).occurredAt().equals(at)) {
                total += lines.get(i).points();
                i++;
            }
            int now = rules.levelFor(total);
            if (now > level && now > 1) {
                out.add(new Milestone(ledger.personId(), ledger.login(), at, now, "", ""));
            }
            level = now;
        }
    }

    /**
     * A badge can be lost only when a revert takes a line back (or un-merges a PR) and gained only when a line
     * happens. So time is cut at every take-back; between two cuts nothing is lost, and the standing as of the cut
     * before, over the lines that happened before the next cut, says when each badge was gained in between.
     */
    private static void badges(Ruleset rules, PersonLedger ledger, List<LedgerEntry> lines, List<Milestone> out) {
        TreeSet<Instant> cuts = new TreeSet<>();
        for (LedgerEntry e : lines) {
            if (e.takenBackAt() != null) {
                cuts.add(e.takenBackAt());
            }
            if (e.unmergedAt() != null) {
                cuts.add(e.unmergedAt());
            }
        }
        List<Ruleset.BadgeRule> badges = rules.badges();
        boolean[] held = new boolean[badges.size()];
        Instant start = null; // the segment's first instant; null: from the beginning
        int end = 0; // lines before the segment's end
        for (int segment = 0; segment <= cuts.size(); segment++) {
            Instant cut = start == null ? (cuts.isEmpty() ? null : cuts.first()) : cuts.higher(start);
            while (end < lines.size() && (cut == null || lines.get(end).occurredAt().isBefore(cut))) {
                end++;
            }
            Standings.Metrics metrics = new Standings.Metrics(rules, lines.subList(0, end),
                    start == null ? Instant.MIN : start);
            for (int b = 0; b < badges.size(); b++) {
                Ruleset.BadgeRule badge = badges.get(b);
                Instant earnedAt = Standings.earnedAt(badge, metrics.increments(badge.metric()));
                if (earnedAt == null) {
                    held[b] = false;
                    continue;
                }
                boolean heldThroughTheCut = held[b] && start != null && !earnedAt.isAfter(start);
                if (!heldThroughTheCut) {
                    out.add(new Milestone(ledger.personId(), ledger.login(), earnedAt, 0, badge.id(),
                            badge.description()));
                }
                held[b] = true;
            }
            start = cut;
        }
    }

    /**
     * The newest milestones by the as-of time over everyone, newest first (ties: by person id, then a person's later
     * milestone first), at most {@code limit}, of the people {@code listed} accepts. {@code listed} is asked only
     * about the people whose milestones come up, so it may be costly.
     *
     * @param perPerson each person's milestones, oldest first, as {@link #of} gives them
     */
    public static List<Milestone> recent(Collection<List<Milestone>> perPerson, Instant asOf, int limit,
            LongPredicate listed) {
        record Cursor(List<Milestone> list, int at) {
            Milestone head() {
                return list.get(at);
            }
        }
        PriorityQueue<Cursor> queue = new PriorityQueue<>(Comparator
                .comparing((Cursor c) -> c.head().occurredAt()).reversed()
                .thenComparingLong(c -> c.head().personId())
                .thenComparing(Comparator.comparingInt(Cursor::at).reversed()));
        for (List<Milestone> list : perPerson) {
            int last = lastAtOrBefore(list, asOf);
            if (last >= 0) {
                queue.add(new Cursor(list, last));
            }
        }
        List<Milestone> out = new ArrayList<>();
        while (out.size() < limit && !queue.isEmpty()) {
            Cursor c = queue.poll();
            if (!listed.test(c.head().personId())) {
                continue; // the person's other milestones go with the cursor
            }
            out.add(c.head());
            if (c.at() > 0) {
                queue.add(new Cursor(c.list(), c.at() - 1));
            }
        }
        return List.copyOf(out);
    }

    /** The index of the last milestone that happened by {@code asOf}; -1 if none. */
    private static int lastAtOrBefore(List<Milestone> list, Instant asOf) {
        int lo = 0;
        int hi = list.size() - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (list.get(mid).occurredAt().isAfter(asOf)) {
                hi = mid - 1;
            } else {
                found = mid;
                lo = mid + 1;
            }
        }
        return found;
    }
}
