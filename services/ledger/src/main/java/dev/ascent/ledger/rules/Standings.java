package dev.ascent.ledger.rules;

import dev.ascent.ruleset.Ruleset;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads a person's ledger as of a time: points, level, role, badges, streaks, the flagged state and the progress
 * towards each next step (RULES.md "Levels", "Roles", "Badges"). Only lines that happened by the as-of time count,
 * and a line counts as taken back only once the revert that took it back had happened. Pure.
 */
public final class Standings {

    private Standings() {
    }

    /** A badge earned, and when the line that completed it happened. */
    public record EarnedBadge(String id, String description, Instant earnedAt) {
    }

    /** One criterion as current / required; {@code windowMonths} 0 = all time. */
    public record CriterionProgress(String metric, long current, long required, int windowMonths) {
    }

    /**
     * A role above the one held.
     *
     * @param heldBy "automatic" or "team:slug"
     */
    public record RoleProgress(String role, String heldBy, List<CriterionProgress> criteria, String nextStep) {
    }

    /** A badge not earned yet. */
    public record BadgeProgress(String id, String description, long current, long required) {
    }

    /**
     * A person's standing as of a time.
     *
     * @param role the highest role held; "" when nothing of theirs had happened by then
     * @param nextStep the next step shown for the role held
     * @param entries ledger lines by the as-of time
     */
    public record Standing(long personId, String login, Instant asOf, long points, int level, long levelPoints,
            long nextLevelPoints, String role, String nextStep, boolean flagged, List<String> teams,
            List<EarnedBadge> badges, int currentStreakWeeks, int longestStreakWeeks, List<RoleProgress> roles,
            List<BadgeProgress> unearnedBadges, long entries, String rulesetVersion) {

        /** Points still needed for the next level; 0 at the top. */
        public long pointsToNextLevel() {
            return nextLevelPoints == 0 ? 0 : Math.max(0, nextLevelPoints - points);
        }
    }

    /** The standing of a person as of {@code asOf}. */
    public static Standing of(Ruleset rules, PersonLedger ledger, Instant asOf) {
        List<LedgerEntry> lines = linesBy(ledger, asOf);
        long points = lines.stream().mapToLong(LedgerEntry::points).sum();
        int level = rules.levelFor(points);
        Metrics metrics = new Metrics(rules, lines, asOf);
        Set<String> teams = teamsOf(lines);

        int held = -1;
        for (int i = 0; i < rules.roles().size(); i++) {
            Ruleset.RoleRule r = rules.roles().get(i);
            boolean holds = r.isTeamRole()
                    ? teams.stream().anyMatch(r::heldByTeam)
                    : !lines.isEmpty() && r.requires().stream().allMatch(c -> metrics.value(c) >= c.min());
            if (holds) {
                held = i;
            }
        }
        String role = held < 0 ? "" : rules.roles().get(held).id();
        String nextStep = "";
        if (held >= 0) {
            Ruleset.RoleRule r = rules.roles().get(held);
            if (!r.isTeamRole()) {
                nextStep = r.nextStep();
            } else if (held + 1 < rules.roles().size()) {
                nextStep = rules.roles().get(held + 1).nextStep();
            }
        }
        List<RoleProgress> roleProgress = new ArrayList<>();
        for (int i = held + 1; i < rules.roles().size(); i++) {
            Ruleset.RoleRule r = rules.roles().get(i);
            List<Ruleset.Criterion> criteria = r.isTeamRole() ? r.typical() : r.requires();
            List<CriterionProgress> progress = criteria.stream()
                    .map(c -> new CriterionProgress(c.metric(), metrics.value(c), c.min(), c.windowMonths()))
                    .toList();
            String step = r.isTeamRole() || i == 0 ? r.nextStep() : rules.roles().get(i - 1).nextStep();
            roleProgress.add(new RoleProgress(r.id(), r.isTeamRole() ? "team:" + r.team() : "automatic", progress, step));
        }

        List<EarnedBadge> badges = new ArrayList<>();
        List<BadgeProgress> unearned = new ArrayList<>();
        for (Ruleset.BadgeRule b : rules.badges()) {
            List<Instant> steps = metrics.increments(b.metric());
            Instant earnedAt = earnedAt(b, steps);
            if (earnedAt != null) {
                badges.add(new EarnedBadge(b.id(), b.description(), earnedAt));
            } else {
                unearned.add(new BadgeProgress(b.id(), b.description(), steps.size(), b.min()));
            }
        }
        badges.sort((a, b) -> a.earnedAt().compareTo(b.earnedAt()));

        return new Standing(ledger.personId(), ledger.login(), asOf, points, level, rules.levelPoints(level),
                rules.nextLevelPoints(level), role, nextStep, flaggedAsOf(rules, lines), List.copyOf(new TreeSet<>(teams)),
                List.copyOf(badges), metrics.currentStreak(), metrics.increments("streak_weeks").size(),
                List.copyOf(roleProgress), List.copyOf(unearned), lines.size(), ledger.rulesetVersion());
    }

    /**
     * When a badge was earned, given the times its metric went up by one (oldest first): the step that reached the
     * badge's minimum; null when not reached.
     */
    static Instant earnedAt(Ruleset.BadgeRule badge, List<Instant> steps) {
        return badge.min() > 0 && steps.size() >= badge.min() ? steps.get((int) badge.min() - 1) : null;
    }

    /** Whether the person was marked flagged as of {@code asOf} (two flags within the window, not cleared). */
    public static boolean flagged(Ruleset rules, PersonLedger ledger, Instant asOf) {
        return flaggedAsOf(rules, linesBy(ledger, asOf));
    }

    /** Points earned by lines that happened in [from, to]; {@code from} null = from the start. */
    public static long pointsBetween(PersonLedger ledger, Instant from, Instant to) {
        long sum = 0;
        for (LedgerEntry e : ledger.entries()) {
            if (!e.occurredAt().isAfter(to) && (from == null || !e.occurredAt().isBefore(from))) {
                sum += e.points();
            }
        }
        return sum;
    }

    private static List<LedgerEntry> linesBy(PersonLedger ledger, Instant asOf) {
        List<LedgerEntry> lines = new ArrayList<>();
        for (LedgerEntry e : ledger.entries()) {
            if (!e.occurredAt().isAfter(asOf)) {
                lines.add(e);
            }
        }
        return lines;
    }

    private static Set<String> teamsOf(List<LedgerEntry> lines) {
        Set<String> teams = new LinkedHashSet<>();
        for (LedgerEntry e : lines) {
            if (e.kind().equals("team.joined")) {
                teams.add(e.detail());
            } else if (e.kind().equals("team.left")) {
                teams.remove(e.detail());
            }
        }
        return teams;
    }

    private static boolean flaggedAsOf(Ruleset rules, List<LedgerEntry> lines) {
        int count = rules.flagging().count();
        if (count <= 0) {
            return false;
        }
        Duration window = Duration.ofHours(rules.flagging().windowHours());
        Deque<Instant> recent = new ArrayDeque<>();
        boolean flagged = false;
        for (LedgerEntry e : lines) {
            if (e.kind().equals("flag.cleared")) {
                flagged = false;
                recent.clear();
            } else if (e.kind().equals("pr.flagged") && e.ruleId().equals("pr.flagged")) {
                recent.addLast(e.occurredAt());
                while (Duration.between(recent.peekFirst(), e.occurredAt()).compareTo(window) > 0) {
                    recent.removeFirst();
                }
                if (recent.size() >= count) {
                    flagged = true;
                }
            }
        }
        return flagged;
    }

    /** The metrics roles and badges are judged on, over the lines by the as-of time. */
    static final class Metrics {
        private final Ruleset rules;
        private final List<LedgerEntry> lines;
        private final Instant asOf;
        private final Map<String, List<Instant>> increments = new HashMap<>();

        Metrics(Ruleset rules, List<LedgerEntry> lines, Instant asOf) {
            this.rules = rules;
            this.lines = lines;
            this.asOf = asOf;
        }

        /** The value of a criterion's metric within its window. */
        long value(Ruleset.Criterion c) {
            if (c.windowMonths() <= 0) {
                return increments(c.metric()).size();
            }
            YearMonth last = YearMonth.from(asOf.atZone(ZoneOffset.UTC));
            YearMonth first = last.minusMonths(c.windowMonths() - 1L);
            Instant from = first.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            return compute(c.metric(), from).size();
        }

        /** The times at which the metric went up by one, all time; its value is their number. */
        List<Instant> increments(String metric) {
            return increments.computeIfAbsent(metric, m -> compute(m, null));
        }

        private List<Instant> compute(String metric, Instant from) {
            List<LedgerEntry> in = from == null ? lines
                    : lines.stream().filter(e -> !e.occurredAt().isBefore(from)).toList();
            List<Instant> out = new ArrayList<>();
            switch (metric) {
                case "merged_prs" -> in.stream().filter(e -> e.mergedAsOf(asOf)).forEach(e -> out.add(e.occurredAt()));
                case "reviews" -> earned(in, e -> e.kind().equals("pr.reviewed") && !e.ruleId().startsWith("bonus."), out);
                case "triage_actions" -> earned(in, e -> (e.kind().equals("issue.triaged")
                        || e.kind().equals("issue.closed_by_triage")) && e.ruleId().equals(e.kind()), out);
                case "earning_entries" -> earned(in, e -> true, out);
                case "newcomer_reviews" -> earned(in, e -> e.ruleId().equals("bonus.newcomer-review"), out);
                case "peps_authored" -> earned(in, e -> e.ruleId().equals("pep.created.author"), out);
                case "peps_accepted" -> earned(in, e -> e.ruleId().equals("pep.accepted.author"), out);
                case "active_months" -> {
                    Set<YearMonth> seen = new HashSet<>();
                    for (LedgerEntry e : in) {
                        if (e.earnedAsOf(asOf) && seen.add(YearMonth.from(e.occurredAt().atZone(ZoneOffset.UTC)))) {
                            out.add(e.occurredAt());
                        }
                    }
                }
                case "green_prs" -> {
                    Set<String> needed = new HashSet<>(rules.sources().architectures());
                    Map<String, Set<String>> passed = new HashMap<>();
                    for (LedgerEntry e : in) {
                        if (e.kind().equals("patch.passed") && e.earnedAsOf(asOf)) {
                            Set<String> archs = passed.computeIfAbsent(e.target(), k -> new HashSet<>());
                            if (archs.add(e.detail()) && !needed.isEmpty() && archs.containsAll(needed)
                                    && archs.size() == needed.size()) {
                                out.add(e.occurredAt());
                            }
                        }
                    }
                }
                case "streak_weeks" -> {
                    int run = 0;
                    LocalDate previous = null;
                    for (Map.Entry<LocalDate, Instant> w : weeks(in).entrySet()) {
                        run = previous != null && previous.plusWeeks(1).equals(w.getKey()) ? run + 1 : 1;
                        previous = w.getKey();
                        if (run > out.size()) {
                            out.add(w.getValue());
                        }
                    }
                }
                default -> throw new IllegalArgumentException("unknown metric " + metric);
            }
            return out;
        }

        /** Consecutive weeks with points ending in the as-of week, or in the week before when it has none yet. */
        int currentStreak() {
            TreeMap<LocalDate, Instant> weeks = weeks(lines);
            LocalDate week = monday(asOf);
            if (!weeks.containsKey(week)) {
                week = week.minusWeeks(1);
            }
            int run = 0;
            while (weeks.containsKey(week)) {
                run++;
                week = week.minusWeeks(1);
            }
            return run;
        }

        /** The ISO weeks (by their Monday, UTC) with a line that earned points and was not taken back. */
        private TreeMap<LocalDate, Instant> weeks(List<LedgerEntry> in) {
            TreeMap<LocalDate, Instant> weeks = new TreeMap<>();
            for (LedgerEntry e : in) {
                if (e.earnedAsOf(asOf)) {
                    weeks.putIfAbsent(monday(e.occurredAt()), e.occurredAt());
                }
            }
            return weeks;
        }

        private void earned(List<LedgerEntry> in, java.util.function.Predicate<LedgerEntry> which, List<Instant> out) {
            for (LedgerEntry e : in) {
                if (e.earnedAsOf(asOf) && which.test(e)) {
                    out.add(e.occurredAt());
                }
            }
        }
    }

    /** The Monday (UTC) of the ISO week an instant falls in. */
    static LocalDate monday(Instant t) {
        return t.atZone(ZoneOffset.UTC).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }
}
