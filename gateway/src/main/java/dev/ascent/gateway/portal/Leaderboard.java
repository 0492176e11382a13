package dev.ascent.gateway.portal;

import java.time.Instant;
import java.util.List;

/** A leaderboard: points earned in a period ending at {@code to}; {@code from} is null for all time. */
public record Leaderboard(String period, Instant from, Instant to, List<Row> rows, String rulesetVersion) {

    /** One person on a leaderboard; ties share a rank. */
    public record Row(int rank, String login, long githubId, long points, int level) {
    }
}
