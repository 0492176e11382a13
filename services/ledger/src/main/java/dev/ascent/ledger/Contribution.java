package dev.ascent.ledger;

import java.time.Instant;
import java.util.Objects;

/**
 * One canonical contribution as the ledger folds it: a fact about one person, identified by its event id.
 *
 * @param eventId the fact key (RULES.md "Facts, ids and time")
 * @param kind the contribution kind, e.g. {@code pr.merged}
 * @param contributorId the credited person's GitHub user id
 * @param login the credited person's login at the time of the event
 * @param occurredAt when the action happened
 * @param repository "owner/repo" in lower case
 * @param number the issue or PR number
 * @param targetAuthorId the issue's or PR's author, 0 when unknown
 * @param targetAuthorIsBot the target's author is a bot
 * @param url the link shown beside the ledger entry
 * @param credit for pr.merged: "author" or "co-author"
 * @param reviewState for pr.reviewed: "approved", "changes_requested" or "commented"
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
        String reviewState) {

    public Contribution {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(occurredAt, "occurredAt");
        login = login == null ? "" : login;
        repository = repository == null ? "" : repository;
        url = url == null ? "" : url;
        credit = credit == null ? "" : credit;
        reviewState = reviewState == null ? "" : reviewState;
    }

    /** "owner/repo#N", how people name an issue or PR. */
    public String targetRef() {
        return repository + "#" + number;
    }

    /** The same fact, seen at another time (the earliest time is kept). */
    public Contribution withOccurredAt(Instant time) {
        return new Contribution(eventId, kind, contributorId, login, time, repository, number, targetAuthorId,
                targetAuthorIsBot, url, credit, reviewState);
    }
}
