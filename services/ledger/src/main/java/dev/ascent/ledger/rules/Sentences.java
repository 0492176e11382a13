package dev.ascent.ledger.rules;

import dev.ascent.ledger.Contribution;

/** The readable sentence of each contribution kind, as the ledger shows it. */
final class Sentences {

    private Sentences() {
    }

    static String describe(Contribution c) {
        String ref = c.targetRef();
        String detail = c.detail().replace('_', ' ');
        return switch (c.kind()) {
            case "issue.opened" -> "Opened issue " + ref;
            case "issue.triaged" -> "Triaged issue " + ref + (detail.isEmpty() ? "" : " (label " + c.detail() + ")");
            case "issue.closed_by_triage" -> "Closed issue " + ref + (detail.isEmpty() ? "" : " as " + detail);
            case "issue.commented" -> "Commented on " + ref;
            case "pr.opened" -> "Opened pull request " + ref;
            case "pr.merged" -> "co-author".equals(c.credit())
                    ? "Co-authored pull request " + ref + ", merged"
                    : "Pull request " + ref + " merged";
            case "pr.merged_other" -> "Merged " + ref + ", someone else's pull request";
            case "pr.reviewed" -> "Reviewed " + ref + " (" + c.reviewState().replace('_', ' ') + ")";
            case "pr.flagged" -> "Pull request " + ref + " flagged" + (detail.isEmpty() ? "" : " as " + detail);
            case "pr.reverted" -> "Pull request " + ref + " reverted";
            case "team.joined" -> "Joined team " + c.team();
            case "team.left" -> "Left team " + c.team();
            case "pep.created" -> pep(c, "created");
            case "pep.accepted" -> pep(c, "accepted");
            case "pep.final" -> pep(c, "final");
            case "patch.passed" -> "Tests passed for " + ref + " on " + c.arch();
            case "flag.cleared" -> "Flag cleared by an admin";
            default -> c.kind() + (ref.isEmpty() ? "" : " on " + ref);
        };
    }

    private static String pep(Contribution c, String what) {
        String pep = "PEP " + c.number();
        return switch (c.credit()) {
            case "sponsor" -> "Sponsor of " + pep + ", " + what;
            case "delegate" -> "PEP-Delegate of " + pep + ", " + what;
            default -> pep + " " + what + " (author)";
        };
    }
}
