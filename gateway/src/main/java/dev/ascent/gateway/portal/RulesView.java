package dev.ascent.gateway.portal;

import dev.ascent.ruleset.Ruleset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The "How points work" page, generated from a ruleset: every figure on it is read from the ruleset file the ledger
 * has active, so the page cannot disagree with the rules. Pure.
 */
public record RulesView(String version, List<KindRow> kinds, List<String> bonuses, String flagging,
        List<LevelRow> levels, List<RoleRow> roles, List<BadgeRow> badges, List<String> triageLabels,
        List<String> bots, List<String> architectures) {

    /** One contribution kind: what earns it, its points and its limits. */
    public record KindRow(String kind, String description, String points, List<String> limits) {
    }

    /** Level {@code level} starts at {@code from} points. */
    public record LevelRow(int level, long from) {
    }

    /** A role, how it is held, and its next step. */
    public record RoleRow(String id, String heldBy, List<String> requires, List<String> typical, String nextStep) {
    }

    public record BadgeRow(String id, String description, String condition) {
    }

    public static RulesView of(Ruleset r) {
        Map<String, Ruleset.KindRule> sorted = new TreeMap<>(r.kinds());
        List<KindRow> kinds = new ArrayList<>();
        sorted.forEach((kind, rule) -> kinds.add(new KindRow(kind, rule.description(), points(rule),
                limits(kind, rule, sorted))));
        List<String> bonuses = new ArrayList<>();
        if (r.bonuses().firstMerge() != 0) {
            bonuses.add(Metrics.signed(r.bonuses().firstMerge()) + " with a person's first merged PR (author or co-author):"
                    + " once per person, with the first merge that earns points; not granted again after a revert"
                    + " took it back");
        }
        if (r.bonuses().newcomerReview() != 0) {
            bonuses.add(Metrics.signed(r.bonuses().newcomerReview()) + " with a review that earns points, when the PR's author"
                    + " had no merged PR before the review");
        }
        String flagging = r.flagging().count() <= 0 ? ""
                : r.flagging().count() + " flagged PRs within " + r.flagging().windowHours()
                        + " hours mark a person flagged until an admin clears it; flagged people are left off the"
                        + " leaderboards";
        List<LevelRow> levels = new ArrayList<>();
        for (int i = 0; i < r.levels().size(); i++) {
            levels.add(new LevelRow(i + 1, r.levels().get(i)));
        }
        List<RoleRow> roles = r.roles().stream().map(role -> new RoleRow(role.id(),
                role.isTeamRole() ? "membership of the " + role.team() + " team"
                        : role.requires().isEmpty() ? "everyone starts here" : "automatic",
                role.requires().stream().map(RulesView::criterion).toList(),
                role.typical().stream().map(RulesView::criterion).toList(), role.nextStep())).toList();
        List<BadgeRow> badges = r.badges().stream().map(b -> new BadgeRow(b.id(), b.description(),
                Metrics.name(b.metric()) + " ≥ " + b.min())).toList();
        return new RulesView(r.version(), kinds, bonuses, flagging, levels, roles, badges,
                r.sources().triageLabels(), r.sources().bots(), r.sources().architectures());
    }

    static String points(Ruleset.KindRule rule) {
        if (!rule.pointsByCredit().isEmpty()) {
            return new TreeMap<>(rule.pointsByCredit()).entrySet().stream()
                    .map(e -> Metrics.signed(e.getValue()) + " " + e.getKey()).collect(Collectors.joining(", "));
        }
        if (!rule.pointsByReviewState().isEmpty()) {
            return new TreeMap<>(rule.pointsByReviewState()).entrySet().stream()
                    .map(e -> Metrics.signed(e.getValue()) + " " + e.getKey().replace('_', ' '))
                    .collect(Collectors.joining(", "));
        }
        if (!rule.takesBack().isEmpty()) {
            return "takes points back";
        }
        return rule.points() == null ? "0" : Metrics.signed(rule.points());
    }

    static List<String> limits(String kind, Ruleset.KindRule rule, Map<String, Ruleset.KindRule> all) {
        List<String> out = new ArrayList<>();
        if (rule.dailyLimit() > 0) {
            String group = rule.limitGroup() == null ? kind : rule.limitGroup();
            List<String> sharing = all.entrySet().stream().filter(e -> !e.getKey().equals(kind))
                    .filter(e -> group.equals(e.getValue().limitGroup() == null ? e.getKey() : e.getValue().limitGroup()))
                    .map(Map.Entry::getKey).toList();
            out.add("the first " + rule.dailyLimit() + " " + (rule.limitNoun() == null ? "" : rule.limitNoun() + " ")
                    + "per UTC day earn points" + (sharing.isEmpty() ? "" : " (shared with " + String.join(", ", sharing)
                            + ")")
                    + "; later ones are recorded with 0 points");
        }
        if (rule.oncePerTarget() != null) {
            List<String> sharing = all.entrySet().stream().filter(e -> !e.getKey().equals(kind))
                    .filter(e -> rule.oncePerTarget().equals(e.getValue().oncePerTarget())).map(Map.Entry::getKey)
                    .toList();
            out.add("once per person per issue or PR" + (sharing.isEmpty() ? ""
                    : " (shared with " + String.join(", ", sharing) + ")"));
        }
        if (rule.endsTargetEarning()) {
            out.add("from then on the PR earns nobody anything");
        }
        if (!rule.takesBack().isEmpty()) {
            out.add("takes back what these lines of the reverted PR earned: " + String.join(", ", rule.takesBack())
                    + "; the PR no longer counts as merged for anyone");
        }
        return out;
    }

    static String criterion(Ruleset.Criterion c) {
        String window = Metrics.window(c.windowMonths());
        return Metrics.name(c.metric()) + " ≥ " + c.min() + (window.isEmpty() ? "" : " " + window);
    }
}
