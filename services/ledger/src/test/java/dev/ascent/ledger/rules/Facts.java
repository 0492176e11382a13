package dev.ascent.ledger.rules;

import dev.ascent.ledger.Contribution;
import java.time.Instant;

/** Builds canonical contributions with the event ids RULES.md defines, for the engine's tests. */
final class Facts {

    static final String REPO = "python/cpython";

    private Facts() {
    }

    static String login(long who) {
        return "user" + who;
    }

    private static Contribution target(String kind, long who, long author, long number, Instant at, String credit,
            String state, String suffix, String detail, String arch) {
        String id = kind + ":" + REPO + "#" + number + ":" + who + suffix;
        return new Contribution(id, kind, who, login(who), at, REPO, number, author, false,
                "https://github.com/" + REPO + "/issues/" + number, credit, state, 0, "", arch, detail, 0, false);
    }

    static Contribution issueOpened(long who, long n, Instant at) {
        return target("issue.opened", who, who, n, at, "", "", "", "", "");
    }

    static Contribution triaged(long who, long author, long n, Instant at, String label) {
        return target("issue.triaged", who, author, n, at, "", "", "", label, "");
    }

    static Contribution closedByTriage(long who, long author, long n, Instant at) {
        return target("issue.closed_by_triage", who, author, n, at, "", "", "", "not_planned", "");
    }

    static Contribution comment(long who, long n, long commentId, Instant at) {
        return target("issue.commented", who, 0, n, at, "", "", ":c" + commentId, "", "");
    }

    static Contribution prOpened(long who, long n, Instant at) {
        return target("pr.opened", who, who, n, at, "", "", "", "", "");
    }

    static Contribution merged(long who, long n, Instant at) {
        return target("pr.merged", who, who, n, at, "author", "", "", "", "");
    }

    static Contribution coAuthored(long who, long author, long n, Instant at) {
        return target("pr.merged", who, author, n, at, "co-author", "", "", "", "");
    }

    static Contribution mergedOther(long who, long author, long n, Instant at) {
        return target("pr.merged_other", who, author, n, at, "", "", "", "", "");
    }

    static Contribution review(long who, long author, long n, long reviewId, String state, Instant at) {
        return target("pr.reviewed", who, author, n, at, "", state, ":r" + reviewId, "", "");
    }

    static Contribution botPrReview(long who, long botAuthor, long n, long reviewId, Instant at) {
        Contribution c = review(who, botAuthor, n, reviewId, "approved", at);
        return new Contribution(c.eventId(), c.kind(), who, c.login(), at, REPO, n, botAuthor, true, c.url(), "",
                "approved", 0, "", "", "", 0, false);
    }

    static Contribution flagged(long author, long n, Instant at) {
        return target("pr.flagged", author, author, n, at, "", "", "", "spam", "");
    }

    static Contribution reverted(long actor, long n, Instant at) {
        return new Contribution("pr.reverted:" + REPO + "#" + n, "pr.reverted", 0, "", at, REPO, n, 0, false,
                "https://github.com/" + REPO + "/pull/" + (n + 1000), "", "", actor, "", "", "", 0, false);
    }

    static Contribution team(String kind, long who, String team, Instant at) {
        return new Contribution(kind + ":" + team + ":" + who + "@" + at, kind, who, login(who), at, "", 0, 0, false,
                "https://github.com/orgs/python/teams", "", "", 0, team, "", "", 0, false);
    }

    static Contribution pep(String kind, long who, long pep, String credit, Instant at) {
        return new Contribution(kind + ":python/peps#" + pep + ":" + who, kind, who, login(who), at, "python/peps", pep,
                0, false, "https://peps.python.org/pep-" + pep + "/", credit, "", 0, "", "", "", 0, false);
    }

    static Contribution patchPassed(long who, long n, String arch, Instant at) {
        return target("patch.passed", who, who, n, at, "", "", ":" + arch, "", arch);
    }

    static Contribution flagCleared(long who, long admin, Instant at) {
        return new Contribution("flag.cleared:" + who + "@" + at, "flag.cleared", who, login(who), at, "", 0, 0, false,
                "", "", "", admin, "", "", "", 0, false);
    }

    /** The same event id restated with another revision, retracted or not. */
    static Contribution restated(Contribution c, long revision, boolean retracted) {
        return new Contribution(c.eventId(), c.kind(), c.contributorId(), c.login(), c.occurredAt(), c.repository(),
                c.number(), c.targetAuthorId(), c.targetAuthorIsBot(), c.url(), c.credit(), c.reviewState(),
                c.actorId(), c.team(), c.arch(), c.detail(), revision, retracted);
    }

    /** The same fact seen at another time. */
    static Contribution at(Contribution c, Instant t) {
        return new Contribution(c.eventId(), c.kind(), c.contributorId(), c.login(), t, c.repository(), c.number(),
                c.targetAuthorId(), c.targetAuthorIsBot(), c.url(), c.credit(), c.reviewState(), c.actorId(), c.team(),
                c.arch(), c.detail(), c.revision(), c.retracted());
    }
}
