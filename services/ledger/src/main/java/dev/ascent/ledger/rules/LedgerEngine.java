package dev.ascent.ledger.rules;

import dev.ascent.ledger.Contribution;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The rules engine: folds all contributions, sorted by (occurred_at, event id), under one ruleset.
 *
 * <p>
 * The fold is over everyone's contributions, because some rules look at other people's history (the
 * newcomer-review bonus asks whether the PR's author had a merged PR yet). Contributions that arrive in fold
 * order are applied incrementally; one that sorts before what was already applied, or an earlier time for a known
 * event id, makes the engine fold everything again, so the result never depends on delivery order.
 */
public final class LedgerEngine {

    /** Sort order of the fold: occurred_at, then event id in plain string order. */
    public static final Comparator<Contribution> FOLD_ORDER = Comparator.comparing(Contribution::occurredAt)
            .thenComparing(Contribution::eventId);

    private final Ruleset rules;
    private final TreeMap<Contribution, Contribution> ordered = new TreeMap<>(FOLD_ORDER);
    private final Map<String, Contribution> byEventId = new HashMap<>();
    private Map<Long, Person> people = new HashMap<>();
    private Contribution lastApplied;

    public LedgerEngine(Ruleset rules) {
        this.rules = rules;
    }

    public Ruleset rules() {
        return rules;
    }

    /** How many distinct contributions the engine holds. */
    public int size() {
        return byEventId.size();
    }

    /**
     * Adds contributions (duplicates and redeliveries welcome) and returns the ids of the people whose standing
     * changed.
     */
    public Set<Long> add(Collection<Contribution> batch) {
        boolean refold = false;
        List<Contribution> fresh = new ArrayList<>();
        for (Contribution c : batch) {
            Contribution known = byEventId.get(c.eventId());
            if (known != null) {
                if (!c.occurredAt().isBefore(known.occurredAt())) {
                    continue; // the same fact again: the earliest time is kept
                }
                ordered.remove(known);
                fresh.remove(known);
                Contribution earlier = known.withOccurredAt(c.occurredAt());
                byEventId.put(c.eventId(), earlier);
                ordered.put(earlier, earlier);
                refold = true;
                continue;
            }
            byEventId.put(c.eventId(), c);
            ordered.put(c, c);
            if (lastApplied != null && FOLD_ORDER.compare(c, lastApplied) < 0) {
                refold = true;
            }
            fresh.add(c);
        }
        if (refold) {
            return refold();
        }
        fresh.sort(FOLD_ORDER);
        Set<Long> changed = new LinkedHashSet<>();
        for (Contribution c : fresh) {
            apply(people, c);
            changed.add(c.contributorId());
            lastApplied = c;
        }
        return changed;
    }

    /** The standing of one person, if they have any recorded contribution. */
    public Optional<Standing> standing(long personId) {
        Person p = people.get(personId);
        return p == null ? Optional.empty() : Optional.of(p.toStanding(rules.version()));
    }

    /** Everyone with a recorded contribution. */
    public Set<Long> people() {
        return Collections.unmodifiableSet(people.keySet());
    }

    private Set<Long> refold() {
        Map<Long, Person> before = people;
        Map<Long, Person> after = new HashMap<>();
        for (Contribution c : ordered.keySet()) {
            apply(after, c);
        }
        lastApplied = ordered.isEmpty() ? null : ordered.lastKey();
        people = after;
        Set<Long> changed = new LinkedHashSet<>();
        for (Map.Entry<Long, Person> e : after.entrySet()) {
            Person old = before.get(e.getKey());
            if (old == null || !old.toStanding(rules.version()).equals(e.getValue().toStanding(rules.version()))) {
                changed.add(e.getKey());
            }
        }
        return changed;
    }

    private void apply(Map<Long, Person> state, Contribution c) {
        Person p = state.computeIfAbsent(c.contributorId(), Person::new);
        if (!c.login().isEmpty()) {
            p.login = c.login();
        }
        Ruleset.KindRule rule = rules.kinds().get(c.kind());
        if (rule == null) {
            p.record(c, 0, c.kind(), describe(c) + ": no rule for this kind in ruleset " + rules.version());
            return;
        }
        if (c.kind().equals("pr.reviewed") && c.targetAuthorId() != 0 && c.targetAuthorId() == c.contributorId()) {
            p.record(c, 0, ruleId(c), describe(c) + ": a review of one's own pull request earns nothing");
            return;
        }
        Integer base = basePoints(rule, c);
        if (base == null) {
            p.record(c, 0, ruleId(c), describe(c) + ": no points for this variant in ruleset " + rules.version());
            return;
        }
        String targetKey = c.kind() + "|" + c.targetRef();
        if (rule.oncePerTarget() && p.earnedOnTarget.contains(targetKey)) {
            p.record(c, 0, ruleId(c), describe(c) + ": only the first one per pull request earns points");
            return;
        }
        String limitKey = null;
        if (rule.dailyLimit() > 0) {
            LocalDate day = c.occurredAt().atZone(ZoneOffset.UTC).toLocalDate();
            String group = rule.limitGroup() == null ? c.kind() : rule.limitGroup();
            limitKey = group + "|" + day;
            if (p.dailyCounts.getOrDefault(limitKey, 0) >= rule.dailyLimit()) {
                p.record(c, 0, ruleId(c), describe(c) + ": daily limit of " + rule.dailyLimit() + " "
                        + (rule.limitNoun() == null ? c.kind() : rule.limitNoun()) + " reached");
                return;
            }
        }
        // The entry earns points: it uses up its limits.
        if (limitKey != null) {
            p.dailyCounts.merge(limitKey, 1, Integer::sum);
        }
        if (rule.oncePerTarget()) {
            p.earnedOnTarget.add(targetKey);
        }
        p.record(c, base, ruleId(c), describe(c));
        switch (c.kind()) {
            case "pr.merged" -> {
                p.mergedPrs++;
                if (!p.hadFirstMergeBonus && rules.bonuses().firstMerge() != 0) {
                    p.hadFirstMergeBonus = true;
                    p.recordBonus(c, "first-merge", rules.bonuses().firstMerge(),
                            "First merged pull request, " + c.targetRef() + ": welcome aboard");
                }
            }
            case "pr.reviewed" -> {
                Person author = state.get(c.targetAuthorId());
                boolean authorIsNewcomer = c.targetAuthorId() != 0 && !c.targetAuthorIsBot()
                        && (author == null || author.mergedPrs == 0);
                if (authorIsNewcomer && rules.bonuses().newcomerReview() != 0) {
                    p.recordBonus(c, "newcomer-review", rules.bonuses().newcomerReview(),
                            "Reviewed " + c.targetRef() + ", a pull request by someone with no merged PR yet");
                }
            }
            default -> {
            }
        }
    }

    private static Integer basePoints(Ruleset.KindRule rule, Contribution c) {
        if (!rule.pointsByCredit().isEmpty()) {
            return rule.pointsByCredit().get(c.credit().isEmpty() ? "author" : c.credit());
        }
        if (!rule.pointsByReviewState().isEmpty()) {
            return rule.pointsByReviewState().get(c.reviewState());
        }
        return rule.points();
    }

    private static String ruleId(Contribution c) {
        return switch (c.kind()) {
            case "pr.merged" -> "pr.merged." + (c.credit().isEmpty() ? "author" : c.credit());
            case "pr.reviewed" -> "pr.reviewed." + c.reviewState();
            default -> c.kind();
        };
    }

    /** The readable sentence of a contribution. */
    static String describe(Contribution c) {
        String ref = c.targetRef();
        return switch (c.kind()) {
            case "issue.opened" -> "Opened issue " + ref;
            case "issue.commented" -> "Commented on " + ref;
            case "pr.opened" -> "Opened pull request " + ref;
            case "pr.merged" -> "co-author".equals(c.credit())
                    ? "Co-authored pull request " + ref + ", merged"
                    : "Pull request " + ref + " merged";
            case "pr.merged_other" -> "Merged " + ref + ", someone else's pull request";
            case "pr.reviewed" -> "Reviewed " + ref + " (" + c.reviewState().replace('_', ' ') + ")";
            default -> c.kind() + " on " + ref;
        };
    }

    /** One person's state during the fold. */
    private static final class Person {
        final long id;
        String login = "";
        long points;
        int mergedPrs;
        boolean hadFirstMergeBonus;
        final TreeSet<YearMonth> activeMonths = new TreeSet<>();
        final List<LedgerEntry> entries = new ArrayList<>();
        final Map<String, Integer> dailyCounts = new HashMap<>();
        final Set<String> earnedOnTarget = new HashSet<>();

        Person(long id) {
            this.id = id;
        }

        void record(Contribution c, int pts, String ruleId, String sentence) {
            add(new LedgerEntry(c.eventId(), id, c.eventId(), c.kind(), pts, ruleId, null, sentence, c.url(),
                    c.occurredAt()));
        }

        void recordBonus(Contribution c, String bonus, int pts, String sentence) {
            add(new LedgerEntry(c.eventId() + "+" + bonus, id, c.eventId(), c.kind(), pts, "bonus." + bonus, null,
                    sentence, c.url(), c.occurredAt()));
        }

        private void add(LedgerEntry e) {
            entries.add(e);
            points += e.points();
            if (e.points() > 0) {
                activeMonths.add(YearMonth.from(e.occurredAt().atZone(ZoneOffset.UTC)));
            }
        }

        Standing toStanding(String version) {
            List<LedgerEntry> versioned = new ArrayList<>(entries.size());
            for (LedgerEntry e : entries) {
                versioned.add(new LedgerEntry(e.entryId(), e.personId(), e.eventId(), e.kind(), e.points(),
                        e.ruleId(), version, e.sentence(), e.url(), e.occurredAt()));
            }
            return new Standing(id, login, points, mergedPrs, Collections.unmodifiableSortedSet(new TreeSet<>(activeMonths)),
                    List.copyOf(versioned), version);
        }
    }
}
