package dev.ascent.ledger.rules;

import java.time.Instant;

/**
 * One line of a person's ledger: what a contribution (or a bonus it carried) earned, and why.
 *
 * @param entryId unique per person and line: the event id, with "+bonus-name" for a bonus line
 * @param personId the GitHub user id the line belongs to
 * @param eventId the contribution's event id
 * @param kind the contribution kind
 * @param points points earned: 0 when a limit or rule withheld them, negative for a flag or a revert
 * @param ruleId the rule that decided the points, e.g. "pr.merged.author", "bonus.first-merge"
 * @param rulesetVersion the ruleset version that decided them
 * @param sentence what happened, readable by a person, with the reason when no points were earned
 * @param url the GitHub or PEP page
 * @param occurredAt when the contribution happened
 * @param target "owner/repo#N" of the issue, PR or PEP, or "org/team" for a team entry; "" when none
 * @param detail the architecture of a patch.passed entry, the team of a team entry; "" otherwise
 * @param takenBackAt when a later revert took these points back; null otherwise
 * @param unmergedAt for a merge line: when a revert made the PR not merged; null otherwise
 */
public record LedgerEntry(String entryId, long personId, String eventId, String kind, int points, String ruleId,
        String rulesetVersion, String sentence, String url, Instant occurredAt, String target, String detail,
        Instant takenBackAt, Instant unmergedAt) {

    /** Whether a revert had taken these points back by {@code asOf}. */
    public boolean takenBackBy(Instant asOf) {
        return takenBackAt != null && !takenBackAt.isAfter(asOf);
    }

    /** Whether the line earned points and still holds them as of {@code asOf}. */
    public boolean earnedAsOf(Instant asOf) {
        return points > 0 && !takenBackBy(asOf);
    }

    /** Whether this is a merged PR (author or co-author) that still counts as merged as of {@code asOf}. */
    public boolean mergedAsOf(Instant asOf) {
        return kind.equals("pr.merged") && ruleId.startsWith("pr.merged.") && points > 0
                && (unmergedAt == null || unmergedAt.isAfter(asOf));
    }
}
