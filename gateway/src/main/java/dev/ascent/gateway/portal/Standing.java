package dev.ascent.gateway.portal;

import java.time.Instant;
import java.util.List;

/**
 * A contributor's standing as the ledger computed it: what the contributor page and {@code /api} show. Every figure
 * comes from the ledger; the portal only lays it out.
 */
public record Standing(String login, long githubId, long points, int level, long levelPoints, long nextLevelPoints,
        long pointsToNextLevel, String role, String nextStep, List<Badge> badges, List<BadgeProgress> badgesToEarn,
        List<RoleProgress> nextRoles, int currentStreakWeeks, int longestStreakWeeks, boolean flagged,
        List<String> teams, long entries, String rulesetVersion, Instant asOf) {

    /** A badge earned. */
    public record Badge(String id, String description, Instant earnedAt) {
    }

    /** A badge not yet earned, as current / required. */
    public record BadgeProgress(String id, String description, long current, long required) {
    }

    /** A role above the one held, with its criteria and the real next step towards it. */
    public record RoleProgress(String role, String heldBy, List<Criterion> criteria, String nextStep) {

        /** Whether team membership, not the criteria, decides the role. */
        public boolean byTeam() {
            return heldBy.startsWith("team:");
        }

        /** The team that decides the role, or "". */
        public String team() {
            return byTeam() ? heldBy.substring("team:".length()) : "";
        }
    }

    /** One criterion of a role as current / required, counted over {@code windowMonths} (0: all time). */
    public record Criterion(String metric, long current, long required, int windowMonths) {

        public boolean met() {
            return current >= required;
        }
    }

    /** The level after this one; this one at the top. */
    public int nextLevel() {
        return topLevel() ? level : level + 1;
    }

    /** Whether the top level is reached. */
    public boolean topLevel() {
        return nextLevelPoints == 0;
    }
}
