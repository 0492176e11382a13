package dev.ascent.patchrunner;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A pull request as its latest webhook showed it: what a run tests and who it credits.
 *
 * @param repository "owner/repo" in lower case
 * @param number the pull request's number
 * @param headSha the head commit
 * @param baseRef the base branch, e.g. "main" or "3.11"
 * @param diffUrl where GitHub serves the pull request's diff
 * @param htmlUrl the pull request's page
 * @param author the pull request's author
 * @param authorIsBot the author is a bot (RULES.md), so its patch never earns patch.passed
 * @param authorAssociation GitHub's author_association, e.g. "MEMBER", "CONTRIBUTOR", "NONE"
 * @param open whether the pull request is open
 * @param updatedAt the pull request's updated_at in that webhook
 */
public record PullRequest(String repository, long number, String headSha, String baseRef, String diffUrl,
        String htmlUrl, Person author, boolean authorIsBot, String authorAssociation, boolean open,
        Instant updatedAt) {

    public PullRequest {
        Objects.requireNonNull(repository, "repository");
        repository = repository.toLowerCase(Locale.ROOT);
        Objects.requireNonNull(headSha, "headSha");
        Objects.requireNonNull(baseRef, "baseRef");
        Objects.requireNonNull(diffUrl, "diffUrl");
        Objects.requireNonNull(htmlUrl, "htmlUrl");
        Objects.requireNonNull(author, "author");
        authorAssociation = authorAssociation == null ? "" : authorAssociation;
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** "owner/repo#N", the pull request's key. */
    public String key() {
        return key(repository, number);
    }

    /** "owner/repo#N" of a repository (any case) and number. */
    public static String key(String repository, long number) {
        return repository.toLowerCase(Locale.ROOT) + "#" + number;
    }
}
