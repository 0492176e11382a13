package dev.ascent.ledger.rules;

import static dev.ascent.ledger.Contribution.FOLD_ORDER;

import dev.ascent.ledger.Contribution;
import dev.ascent.ruleset.Ruleset;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rules engine: the ledger of each person is the fold of all contributions, sorted by (occurred_at, event id),
 * under one ruleset (RULES.md "Facts, ids and time").
 *
 * <p>
 * Most rules look only at the person's own history; three look at others': the newcomer-review bonus (did the PR's
 * author have a merged PR yet), a flag (from then on the PR earns nobody anything) and a revert (taken back from the
 * reverted PR's author; the PR is no longer merged for anyone). Those are answered from indexes over everyone's
 * contributions by position in the fold order, so a person's ledger is a pure function of the stored contributions,
 * and when a contribution arrives only the people it can affect are folded again. The result never depends on the
 * order contributions arrive in or on how often each arrives.
 */
public final class LedgerEngine {

    private final Ruleset rules;
    /** The prevailing record of each event id, retracted ones included (so an older revision cannot return). */
    private final Map<String, Contribution> byEventId = new HashMap<>();
    private final Map<Long, TreeSet<Contribution>> ownByPerson = new HashMap<>();
    private final Map<String, TreeSet<Contribution>> flagsByTarget = new HashMap<>();
    private final Map<String, TreeSet<Contribution>> revertsByTarget = new HashMap<>();
    private final Map<Long, TreeSet<Contribution>> revertsByActor = new HashMap<>();
    private final Map<String, TreeSet<Contribution>> mergesByTarget = new HashMap<>();
    private final Map<Long, TreeSet<Contribution>> mergesByPerson = new HashMap<>();
    // The two below only ever grow: they name people who may be affected, and a superset is harmless.
    private final Map<Long, Set<Long>> reviewersByAuthor = new HashMap<>();
    private final Map<String, Set<Long>> peopleOnTarget = new HashMap<>();
    private final Map<Long, PersonLedger> ledgers = new HashMap<>();
    /** Each person's fold as it stopped, so that contributions arriving in order go on from there. */
    private final Map<Long, Fold> folds = new HashMap<>();
    private long entryCount;

    public LedgerEngine(Ruleset rules) {
        this.rules = rules;
    }

    public Ruleset rules() {
        return rules;
    }

    /** How many distinct event ids the engine holds, retracted ones included. */
    public int size() {
        return byEventId.size();
    }

    /** Ledger lines over everyone. */
    public long entryCount() {
        return entryCount;
    }

    /**
     * The records of a batch that would prevail for their event ids over what the engine holds (and over the
     * batch's other records of the same id): what must be stored before the batch is folded.
     */
    public List<Contribution> prevailing(Collection<Contribution> batch) {
        Map<String, Contribution> best = new LinkedHashMap<>();
        for (Contribution c : batch) {
            Contribution held = best.containsKey(c.eventId()) ? best.get(c.eventId()) : byEventId.get(c.eventId());
            if (held == null || Contribution.PREVAILS.compare(c, held) < 0) {
                best.put(c.eventId(), c);
            }
        }
        return List.copyOf(best.values());
    }

    /**
     * Adds contributions (duplicates, redeliveries, restatements and retractions welcome): each event id keeps the
     * record that prevails ({@link Contribution#PREVAILS}), and the people they can affect are folded again. Returns
     * the people whose ledger changed.
     */
    public Set<Long> add(Collection<Contribution> batch) {
        Map<Long, Contribution> affected = new LinkedHashMap<>();
        for (Contribution c : batch) {
            Contribution known = byEventId.get(c.eventId());
            if (known != null && Contribution.PREVAILS.compare(known, c) <= 0) {
                continue; // the same fact again, or one that does not prevail over what is held
            }
            if (known != null && !known.retracted()) {
                affectedBy(known, affected);
                unindex(known);
            }
            byEventId.put(c.eventId(), c);
            if (!c.retracted()) {
                index(c);
                affectedBy(c, affected);
            }
        }
        Set<Long> changed = new LinkedHashSet<>();
        for (Map.Entry<Long, Contribution> a : affected.entrySet()) {
            if (refold(a.getKey(), a.getValue())) {
                changed.add(a.getKey());
            }
        }
        return changed;
    }

    /** The ledger of one person, if they have any line. */
    public Optional<PersonLedger> ledger(long personId) {
        return Optional.ofNullable(ledgers.get(personId));
    }

    /** Everyone with a ledger. */
    public Set<Long> people() {
        return Collections.unmodifiableSet(ledgers.keySet());
    }

    /** Every ledger. */
    public Collection<PersonLedger> ledgers() {
        return Collections.unmodifiableCollection(ledgers.values());
    }

    /** The stored contributions the fold is over, for replaying them under another ruleset. */
    public Collection<Contribution> contributions() {
        return Collections.unmodifiableCollection(byEventId.values());
    }

    // --- indexes ---------------------------------------------------------------------------------------------

    private void index(Contribution c) {
        if (c.contributorId() > 0) {
            ownByPerson.computeIfAbsent(c.contributorId(), k -> new TreeSet<>(FOLD_ORDER)).add(c);
        }
        if (!c.targetRef().isEmpty() && c.contributorId() > 0) {
            peopleOnTarget.computeIfAbsent(c.targetRef(), k -> new HashSet<>()).add(c.contributorId());
        }
        switch (c.kind()) {
            case "pr.merged" -> {
                mergesByTarget.computeIfAbsent(c.targetRef(), k -> new TreeSet<>(FOLD_ORDER)).add(c);
                mergesByPerson.computeIfAbsent(c.contributorId(), k -> new TreeSet<>(FOLD_ORDER)).add(c);
            }
            case "pr.reviewed" -> {
                if (c.targetAuthorId() > 0) {
                    reviewersByAuthor.computeIfAbsent(c.targetAuthorId(), k -> new HashSet<>()).add(c.contributorId());
                }
            }
            case "pr.reverted" -> {
                revertsByTarget.computeIfAbsent(c.targetRef(), k -> new TreeSet<>(FOLD_ORDER)).add(c);
                revertsByActor.computeIfAbsent(c.actorId(), k -> new TreeSet<>(FOLD_ORDER)).add(c);
            }
            default -> {
            }
        }
        if (endsTargetEarning(c)) {
            flagsByTarget.computeIfAbsent(c.targetRef(), k -> new TreeSet<>(FOLD_ORDER)).add(c);
        }
    }

    private void unindex(Contribution c) {
        removeFrom(ownByPerson, c.contributorId(), c);
        removeFrom(mergesByTarget, c.targetRef(), c);
        removeFrom(mergesByPerson, c.contributorId(), c);
        removeFrom(revertsByTarget, c.targetRef(), c);
        removeFrom(revertsByActor, c.actorId(), c);
        removeFrom(flagsByTarget, c.targetRef(), c);
    }

    private static <K> void removeFrom(Map<K, TreeSet<Contribution>> index, K key, Contribution c) {
        TreeSet<Contribution> set = index.get(key);
        if (set != null) {
            set.remove(c);
            if (set.isEmpty()) {
                index.remove(key);
            }
        }
    }

    /**
     * Everyone whose ledger may change when {@code c} comes or goes, with the fold position from which it may change
     * (null: from the start). Nothing a contribution changes lies before its own position in the fold, except what
     * the lines of a reverted merge's co-authors, who are folded again from the start.
     */
    private void affectedBy(Contribution c, Map<Long, Contribution> out) {
        if (c.contributorId() > 0) {
            from(out, c.contributorId(), c);
        }
        String target = c.targetRef();
        switch (c.kind()) {
            case "pr.merged" -> {
                reviewersByAuthor.getOrDefault(c.contributorId(), Set.of()).forEach(r -> from(out, r, c));
                if (revertsByTarget.containsKey(target)) {
                    mergersAndTheirReviewers(target, null, out);
                    revertsByTarget.get(target).forEach(r -> from(out, r.actorId(), null));
                }
            }
            case "pr.reverted" -> {
                // the revert applies at its own position to its author (or, with none known, its actor) and to the
                // newcomer test of later reviews; other mergers' lines before it change (they are un-merged)
                from(out, c.actorId(), c);
                long author = mergeAuthor(target);
                for (Contribution m : mergesByTarget.getOrDefault(target, new TreeSet<>(FOLD_ORDER))) {
                    from(out, m.contributorId(), m.contributorId() == author ? c : null);
                    reviewersByAuthor.getOrDefault(m.contributorId(), Set.of()).forEach(r -> from(out, r, c));
                }
            }
            default -> {
            }
        }
        if (endsTargetEarning(c)) {
            peopleOnTarget.getOrDefault(target, Set.of()).forEach(p -> from(out, p, c));
            mergersAndTheirReviewers(target, c, out);
        }
    }

    private void mergersAndTheirReviewers(String target, Contribution position, Map<Long, Contribution> out) {
        for (Contribution m : mergesByTarget.getOrDefault(target, new TreeSet<>(FOLD_ORDER))) {
            from(out, m.contributorId(), position);
            reviewersByAuthor.getOrDefault(m.contributorId(), Set.of()).forEach(r -> from(out, r, position));
        }
    }

    /** Notes that a person's ledger may change from {@code position} on (null: from the start). */
    private static void from(Map<Long, Contribution> out, long person, Contribution position) {
        if (!out.containsKey(person)) {
            out.put(person, position);
            return;
        }
        Contribution known = out.get(person);
        if (known != null && (position == null || FOLD_ORDER.compare(position, known) < 0)) {
            out.put(person, position);
        }
    }

    private boolean endsTargetEarning(Contribution c) {
        return !c.targetRef().isEmpty() && rules.kind(c.kind()).map(Ruleset.KindRule::endsTargetEarning).orElse(false);
    }

    // --- questions about other people's history, answered by fold position -------------------------------------

    /** The first flag on a target, if any. */
    private Contribution firstFlag(String target) {
        TreeSet<Contribution> flags = flagsByTarget.get(target);
        return flags == null ? null : flags.first();
    }

    /** Whether the target was flagged before {@code c} in the fold. */
    private boolean flaggedBefore(String target, Contribution c) {
        Contribution flag = firstFlag(target);
        return flag != null && FOLD_ORDER.compare(flag, c) < 0;
    }

    /** The author of a merged PR as the fold knows them: the earliest pr.merged credited as author; 0 if none. */
    private long mergeAuthor(String target) {
        for (Contribution m : mergesByTarget.getOrDefault(target, new TreeSet<>(FOLD_ORDER))) {
            if ("author".equals(credit(m))) {
                return m.contributorId();
            }
        }
        return 0;
    }

    /** The revert that makes a merge not merged: the target's revert, after the merge, not by the PR's author. */
    private Contribution effectiveRevert(Contribution merge) {
        TreeSet<Contribution> reverts = revertsByTarget.get(merge.targetRef());
        if (reverts == null) {
            return null;
        }
        Contribution r = reverts.first();
        if (FOLD_ORDER.compare(merge, r) >= 0 || r.actorId() == mergeAuthor(merge.targetRef())) {
            return null;
        }
        return r;
    }

    /** Whether a merge earns points: a credit the ruleset scores, and no flag before it. */
    private boolean mergeEarns(Contribution m) {
        Integer pts = rules.kind("pr.merged").map(r -> r.pointsByCredit().get(credit(m))).orElse(null);
        return pts != null && pts > 0 && !flaggedBefore(m.targetRef(), m);
    }

    /** Whether a person had a merged PR (author or co-author, not taken back) before {@code c} in the fold. */
    private boolean hadMergedPrBefore(long person, Contribution c) {
        TreeSet<Contribution> merges = mergesByPerson.get(person);
        if (merges == null) {
            return false;
        }
        for (Contribution m : merges.headSet(c, false)) {
            if (!mergeEarns(m)) {
                continue;
            }
            Contribution revert = effectiveRevert(m);
            if (revert == null || FOLD_ORDER.compare(revert, c) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static String credit(Contribution c) {
        return c.credit().isEmpty() ? "author" : c.credit();
    }

    // --- the fold of one person ----------------------------------------------------------------------------------

    /**
     * Folds one person again from {@code from} on (null: from the start); returns whether their ledger changed. When
     * everything that changed lies after what their fold has applied (the usual case: contributions arriving in
     * order), the fold goes on from where it stopped; otherwise it starts over.
     */
    private boolean refold(long person, Contribution from) {
        Fold kept = folds.get(person);
        if (from != null && kept != null && kept.last != null && FOLD_ORDER.compare(from, kept.last) > 0) {
            int before = kept.entries.size();
            String login = kept.login;
            TreeSet<Contribution> next = new TreeSet<>(FOLD_ORDER);
            next.addAll(ownByPerson.getOrDefault(person, new TreeSet<>(FOLD_ORDER)).tailSet(kept.last, false));
            attributedReverts(person, next);
            for (Contribution c : next.tailSet(kept.last, false)) {
                kept.apply(c);
            }
            if (kept.entries.size() == before && kept.login.equals(login)) {
                return false;
            }
            entryCount += kept.entries.size() - before;
            ledgers.put(person, kept.toLedger());
            return true;
        }
        TreeSet<Contribution> input = new TreeSet<>(FOLD_ORDER);
        input.addAll(ownByPerson.getOrDefault(person, new TreeSet<>(FOLD_ORDER)));
        attributedReverts(person, input);
        PersonLedger before = ledgers.get(person);
        Fold fold = null;
        PersonLedger after = null;
        if (!input.isEmpty()) {
            fold = new Fold(person);
            input.forEach(fold::apply);
            after = fold.toLedger();
        }
        entryCount += (after == null ? 0 : after.entries().size()) - (before == null ? 0 : before.entries().size());
        if (after == null) {
            ledgers.remove(person);
            folds.remove(person);
        } else {
            ledgers.put(person, after);
            folds.put(person, fold);
        }
        return before == null ? after != null : !before.equals(after);
    }

    /** Adds the reverts the ledger credits to a person: of PRs they authored, or theirs when no author is known. */
    private void attributedReverts(long person, TreeSet<Contribution> into) {
        for (Contribution m : mergesByPerson.getOrDefault(person, new TreeSet<>(FOLD_ORDER))) {
            TreeSet<Contribution> reverts = revertsByTarget.get(m.targetRef());
            if (reverts != null && mergeAuthor(m.targetRef()) == person) {
                into.add(reverts.first());
            }
        }
        for (Contribution r : revertsByActor.getOrDefault(person, new TreeSet<>(FOLD_ORDER))) {
            if (mergeAuthor(r.targetRef()) == 0) {
                into.add(r); // nobody to take back from: recorded with the revert's author
            }
        }
    }

    /** One person's fold: their state as it is built up, contribution by contribution. */
    private final class Fold {
        final long person;
        String login = "";
        /** The last contribution applied. */
        Contribution last;
        final List<LedgerEntry> entries = new ArrayList<>();
        final Map<String, Integer> dailyCounts = new HashMap<>();
        final Set<String> onceUsed = new HashSet<>();
        boolean hadFirstMergeBonus;
        /** By target: the lines of the author's merge a revert takes back. */
        final Map<String, List<Integer>> revertible = new HashMap<>();

        Fold(long person) {
            this.person = person;
        }

        /** Applies the next contribution in fold order. */
        void apply(Contribution c) {
            if (c.contributorId() == person && !c.login().isEmpty()) {
                login = c.login();
            }
            last = c;
            applyRules(c);
        }

        PersonLedger toLedger() {
            return new PersonLedger(person, login, List.copyOf(entries), rules.version());
        }

        private void applyRules(Contribution c) {
            Ruleset.KindRule rule = rules.kinds().get(c.kind());
            String sentence = Sentences.describe(c);
            if (rule == null) {
                line(c, 0, c.kind(), sentence + ": ruleset " + rules.version() + " does not score " + c.kind(), null);
                return;
            }
            if (!rule.takesBack().isEmpty()) {
                revert(c, rule, sentence);
                return;
            }
            String target = c.targetRef();
            String ruleId = ruleId(c, rule);
            if (!target.isEmpty() && !rule.endsTargetEarning() && flaggedBefore(target, c)) {
                Contribution flag = firstFlag(target);
                line(c, 0, ruleId, sentence + ": " + target + " was flagged"
                        + (flag.detail().isEmpty() ? "" : " " + flag.detail())
                        + " before this, and a flagged pull request earns nobody anything from then on", null);
                return;
            }
            if (c.kind().equals("pr.reviewed") && c.targetAuthorId() == person) {
                line(c, 0, ruleId, sentence + ": a review of one's own pull request earns nothing", null);
                return;
            }
            if (c.kind().equals("patch.passed") && !rules.sources().architectures().contains(c.arch())) {
                line(c, 0, ruleId, sentence + ": " + c.arch() + " is not an architecture ruleset " + rules.version()
                        + " scores (" + String.join(", ", rules.sources().architectures()) + ")", null);
                return;
            }
            Integer base = basePoints(rule, c);
            if (base == null) {
                line(c, 0, ruleId, sentence + ": ruleset " + rules.version() + " gives no points for this", null);
                return;
            }
            String onceKey = rule.oncePerTarget() == null ? null : rule.oncePerTarget() + "|" + target;
            if (onceKey != null && onceUsed.contains(onceKey)) {
                line(c, 0, ruleId, sentence + ": only the first " + onceNoun(rule) + " per person on "
                        + target + " earns points", null);
                return;
            }
            String limitKey = null;
            if (rule.dailyLimit() > 0 && base > 0) {
                LocalDate day = c.occurredAt().atZone(ZoneOffset.UTC).toLocalDate();
                limitKey = (rule.limitGroup() == null ? c.kind() : rule.limitGroup()) + "|" + day;
                if (dailyCounts.getOrDefault(limitKey, 0) >= rule.dailyLimit()) {
                    line(c, 0, ruleId, sentence + ": daily limit of " + rule.dailyLimit() + " "
                            + (rule.limitNoun() == null ? c.kind() : rule.limitNoun()) + " reached", null);
                    return;
                }
            }
            // The entry earns its points: it uses up its limits.
            if (limitKey != null) {
                dailyCounts.merge(limitKey, 1, Integer::sum);
            }
            if (onceKey != null && base > 0) {
                onceUsed.add(onceKey);
            }
            switch (c.kind()) {
                case "pr.merged" -> merged(c, base, ruleId, sentence);
                case "pr.reviewed" -> {
                    line(c, base, ruleId, sentence, null);
                    if (base > 0 && c.targetAuthorId() > 0 && !c.targetAuthorIsBot()
                            && rules.bonuses().newcomerReview() != 0 && !hadMergedPrBefore(c.targetAuthorId(), c)) {
                        bonus(c, "newcomer-review", rules.bonuses().newcomerReview(),
                                "Reviewed " + target + ", a pull request by someone with no merged PR yet", null);
                    }
                }
                default -> line(c, base, ruleId, sentence, null);
            }
        }

        private void merged(Contribution c, int base, String ruleId, String sentence) {
            // The merge author's lines are un-merged by the revert itself, in their fold (see revert); anyone else's
            // (co-authors) here, knowing the revert ahead.
            Contribution revert = mergeAuthor(c.targetRef()) == person ? null : effectiveRevert(c);
            Instant unmergedAt = revert == null ? null : revert.occurredAt();
            List<Integer> lines = new ArrayList<>();
            lines.add(entries.size());
            line(c, base, ruleId, sentence, unmergedAt);
            if (base > 0 && !hadFirstMergeBonus && rules.bonuses().firstMerge() != 0) {
                hadFirstMergeBonus = true;
                lines.add(entries.size());
                bonus(c, "first-merge", rules.bonuses().firstMerge(),
                        "First merged pull request, " + c.targetRef() + ": welcome aboard", unmergedAt);
            }
            if ("author".equals(credit(c))) {
                revertible.put(c.targetRef(), lines);
            }
        }

        private void revert(Contribution c, Ruleset.KindRule rule, String sentence) {
            String target = c.targetRef();
            long author = mergeAuthor(target);
            if (author == 0) {
                line(c, 0, c.kind(), sentence + ": no merged pull request " + target
                        + " is known, so nothing is taken back", null);
                return;
            }
            if (c.actorId() == author) {
                line(c, 0, c.kind(), sentence + ": reverted by its own author, which has no effect", null);
                return;
            }
            int takenBack = 0;
            for (int i : revertible.getOrDefault(target, List.of())) {
                LedgerEntry e = entries.get(i);
                boolean back = rule.takesBack().contains(e.ruleId()) && e.points() > 0;
                if (back) {
                    takenBack += e.points();
                }
                entries.set(i, reverted(e, back ? c.occurredAt() : e.takenBackAt(), c.occurredAt()));
            }
            if (takenBack == 0) {
                line(c, 0, c.kind(), sentence + ": the merge of " + target
                        + " earned nothing before the revert, so nothing is taken back", null);
                return;
            }
            line(c, -takenBack, c.kind(), sentence + ": " + takenBack + " points of its merge taken back", null);
        }

        private void line(Contribution c, int points, String ruleId, String sentence, Instant unmergedAt) {
            add(new LedgerEntry(c.eventId(), person, c.eventId(), c.kind(), points, ruleId, rules.version(), sentence,
                    url(c), c.occurredAt(), entryTarget(c), entryDetail(c), null, unmergedAt));
        }

        private void bonus(Contribution c, String bonus, int points, String sentence, Instant unmergedAt) {
            add(new LedgerEntry(c.eventId() + "+" + bonus, person, c.eventId(), c.kind(), points, "bonus." + bonus,
                    rules.version(), sentence, url(c), c.occurredAt(), entryTarget(c), entryDetail(c), null,
                    unmergedAt));
        }

        private void add(LedgerEntry e) {
            entries.add(e);
        }
    }

    private static LedgerEntry reverted(LedgerEntry e, Instant takenBackAt, Instant unmergedAt) {
        return new LedgerEntry(e.entryId(), e.personId(), e.eventId(), e.kind(), e.points(), e.ruleId(),
                e.rulesetVersion(), e.sentence(), e.url(), e.occurredAt(), e.target(), e.detail(), takenBackAt,
                unmergedAt);
    }

    private static String entryTarget(Contribution c) {
        return c.team().isEmpty() ? c.targetRef() : c.team();
    }

    private static String entryDetail(Contribution c) {
        if (!c.arch().isEmpty()) {
            return c.arch();
        }
        return c.team();
    }

    private static String url(Contribution c) {
        return c.url();
    }

    private static Integer basePoints(Ruleset.KindRule rule, Contribution c) {
        if (!rule.pointsByCredit().isEmpty()) {
            return rule.pointsByCredit().get(credit(c));
        }
        if (!rule.pointsByReviewState().isEmpty()) {
            return rule.pointsByReviewState().get(c.reviewState());
        }
        return rule.points();
    }

    private static String ruleId(Contribution c, Ruleset.KindRule rule) {
        if (!rule.pointsByCredit().isEmpty()) {
            return c.kind() + "." + credit(c);
        }
        if (!rule.pointsByReviewState().isEmpty()) {
            return c.kind() + "." + c.reviewState();
        }
        return c.kind();
    }

    private static String onceNoun(Ruleset.KindRule rule) {
        return switch (rule.oncePerTarget()) {
            case "review" -> "review";
            case "triage" -> "triage action";
            default -> rule.oncePerTarget();
        };
    }
}
