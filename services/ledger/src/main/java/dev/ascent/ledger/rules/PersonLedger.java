package dev.ascent.ledger.rules;

import java.util.List;

/**
 * A person's ledger after the fold: every line, oldest first. Everything the read API shows is derived from it as of
 * a time (see {@link Standings}).
 *
 * @param personId GitHub user id
 * @param login the login of the person's latest contribution in fold order
 * @param entries the ledger, in fold order
 * @param rulesetVersion the ruleset version that produced it
 */
public record PersonLedger(long personId, String login, List<LedgerEntry> entries, String rulesetVersion) {
}
