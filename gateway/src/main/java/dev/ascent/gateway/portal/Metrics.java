package dev.ascent.gateway.portal;

import java.util.Map;

/** How the ruleset's metric ids, windows and points read on a page. Pure. */
public final class Metrics {

    private static final Map<String, String> NAMES = Map.of(
            "merged_prs", "merged PRs",
            "reviews", "reviews that earned points",
            "triage_actions", "triage actions that earned points",
            "active_months", "active months",
            "earning_entries", "entries that earned points",
            "newcomer_reviews", "newcomer-review bonuses",
            "peps_authored", "PEPs authored",
            "peps_accepted", "PEPs accepted",
            "green_prs", "PRs green on every architecture",
            "streak_weeks", "consecutive weeks with points");

    private Metrics() {
    }

    /** The metric's name in words; an unknown id is shown as it is. */
    public static String name(String metric) {
        return NAMES.getOrDefault(metric, metric);
    }

    /** Points as shown: +5, 0, −10 (a true minus sign). */
    public static String signed(long points) {
        return points > 0 ? "+" + points : points < 0 ? "−" + -points : "0";
    }

    /** "in the last 12 months" for a window, "" for all time. */
    public static String window(int months) {
        return months <= 0 ? "" : months == 1 ? "this month" : "in the last " + months + " months";
    }
}
