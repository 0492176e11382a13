package dev.ascent.gateway.portal;

import java.time.Instant;
import java.util.List;

/** Everything the home page shows: the four leaderboards and recent level-ups and badges. */
public record Home(List<Leaderboard> leaderboards, List<Milestone> recent, String rulesetVersion, long people) {

    /** A level reached ({@code level} &gt; 0) or a badge earned. */
    public record Milestone(String login, long githubId, Instant occurredAt, int level, String badgeId,
            String badgeDescription) {

        public boolean isLevel() {
            return level > 0;
        }
    }
}
