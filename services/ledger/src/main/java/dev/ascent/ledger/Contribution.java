package dev.ascent.ledger;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * One canonical contribution as the ledger folds it: a fact about one person, identified by its event id.
 *
 * @param eventId the fact key (RULES.md "Facts, ids and time")
 * @param kind the contribution kind, e.g. {@code pr.merged}
 * @param contributorId the credited person's GitHub user id; 0 for pr.reverted, which the ledger credits to the
 *        author of the reverted PR
 * @param login the credited person's login at the time of the event
 * @param occurredAt when the action happened
 * @param repository "owner/repo" in lower case
 * @param number the issue, PR or PEP number
 * @param targetAuthorId the issue's or PR's author, 0 when unknown
 * @param targetAuthorIsBot the target's author is a bot
 * @param url the link shown beside the ledger entry
 * @param credit the capacity credited: pr.merged "author" / "co-author"; PEPs "author" / "sponsor" / "delegate"
 * @param reviewState for pr.reviewed: "approved", "changes_requested" or "commented"
 * @param actorId who performed the action when not the person credited (pr.reverted: the revert's author)
 * @param team team.joined / team.left: "org/slug"
 * @param arch patch.passed: the architecture
 * @param detail the label or reason shown in the sentence
 * @param revision restatements of one event id: the highest wins
 * @param retracted the fact no longer holds (an identity link was undone)
 */
public record Contribution(
        String eventId,
        String kind,
        long contributorId,
        String login,
        Instant occurredAt,
        String repository,
        long number,
        long targetAuthorId,
        boolean targetAuthorIsBot,
        String url,
        String credit,
        String reviewState,
        long actorId,
        String team,
        String arch,
        String detail,
        long revision,
        boolean retracted) {

    /** Sort order of the fold: occurred_at, then event id in plain string order. */
    public static final Comparator<Contribution> FOLD_ORDER = Comparator.comparing(Contribution::occurredAt)
            .thenComparing(Contribution::eventId);

    /**
     * Which of two records of one event id holds: the highest revision, then the earliest time, then (for records
     * that differ otherwise, which only a faulty source sends) the smaller by content, so the choice never depends
     * on the order they arrived in.
     */
    public static final Comparator<Contribution> PREVAILS = Comparator.comparingLong(Contribution::revision).reversed()
            .thenComparing(Contribution::occurredAt)
            .thenComparing(Contribution::toString);

    public Contribution {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(occurredAt, "occurredAt");
        login = login == null ? "" : login;
        repository = repository == null ? "" : repository;
        url = url == null ? "" : url;
        credit = credit == null ? "" : credit;
        reviewState = reviewState == null ? "" : reviewState;
        team = team == null ? "" : team;
        arch = arch == null ? "" : arch;
        detail = detail == null ? "" : detail;
    }

    /** "owner/repo#N", how people name an issue or PR; "" when the contribution has no such target. */
    public String targetRef() {
        return repository.isEmpty() ? "" : repository + "#" + number;
    }

    /** A contribution about an issue or a PR, for tests and tools: no actor, team, arch, detail or revision. */
    public static Contribution of(String eventId, String kind, long contributorId, String login, Instant occurredAt,
            String repository, long number, long targetAuthorId, String credit, String reviewState) {
        return new Contribution(eventId, kind, contributorId, login, occurredAt, repository, number, targetAuthorId,
                false, "", credit, reviewState, 0, "", "", "", 0, false);
    }
}
