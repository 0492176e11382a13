package dev.ascent.ingest;

import java.time.Instant;

/**
 * A pull request a {@code pull_request} webhook showed merged: who GitHub says its author is.
 *
 * @param repository "owner/repo" in lower case
 * @param number the PR number
 * @param authorId the author's GitHub id
 * @param authorLogin the author's login
 * @param authorIsBot the author is a bot
 * @param mergedAt {@code merged_at}
 * @param url the PR's page
 */
public record MergedPr(String repository, long number, long authorId, String authorLogin, boolean authorIsBot,
        Instant mergedAt, String url) {
}
