package dev.ascent.gateway.portal;

import java.util.List;

/**
 * The ledger's figures for a cohort's members. Members who hid their profile are only counted; their points are not
 * in the sums.
 */
public record CohortStandings(List<Member> members, List<String> unknownLogins, int hiddenMembers,
        long pointsInPeriod, long totalPoints, String rulesetVersion) {

    /** One listed member. */
    public record Member(String login, long githubId, int level, String role, long pointsInPeriod, long totalPoints) {
    }
}
