package dev.ascent.ledger.rules;

import java.time.YearMonth;
import java.util.List;
import java.util.SortedSet;

/**
 * A person's state after the fold: everything the read API shows is derived from it.
 *
 * @param personId GitHub user id
 * @param login the login of the person's latest contribution in fold order
 * @param points total points
 * @param mergedPrs merged PRs as author or co-author
 * @param activeMonths calendar months (UTC) with at least one entry that earned points
 * @param entries the ledger, oldest first
 * @param rulesetVersion the ruleset version that produced it
 */
public record Standing(long personId, String login, long points, int mergedPrs, SortedSet<YearMonth> activeMonths,
        List<LedgerEntry> entries, String rulesetVersion) {
}
