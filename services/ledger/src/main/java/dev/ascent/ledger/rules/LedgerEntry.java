package dev.ascent.ledger.rules;

import java.time.Instant;

/**
 * One line of a person's ledger: what a contribution (or a bonus it carried) earned, and why.
 *
 * @param entryId unique per person and line: the event id, with "+bonus-name" for a bonus line
 * @param personId the GitHub user id the line belongs to
 * @param eventId the contribution's event id
 * @param kind the contribution kind
 * @param points points earned, 0 when a limit or rule withheld them
 * @param ruleId the rule that decided the points
 * @param rulesetVersion the ruleset version that decided them
 * @param sentence what happened, readable by a person, with the reason when no points were earned
 * @param url the GitHub page of the contribution
 * @param occurredAt when the contribution happened
 */
public record LedgerEntry(String entryId, long personId, String eventId, String kind, int points, String ruleId,
        String rulesetVersion, String sentence, String url, Instant occurredAt) {
}
