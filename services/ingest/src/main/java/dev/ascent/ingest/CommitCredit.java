package dev.ascent.ingest;

import java.time.Instant;

/**
 * One email credited by the default-branch commits of one pull request: the commit's author or a
 * {@code Co-authored-by} person. Pending while its email resolves to no one.
 *
 * @param repository "owner/repo" in lower case
 * @param number the pull request the commit subject names
 * @param email the address in lower case
 * @param name the name written beside it (shown to admins, never used to resolve)
 * @param credit "author" or "co-author" (author wins when the email is both)
 * @param sha the earliest commit carrying it
 * @param commitTime that commit's time
 * @param personId the person it resolves to, or null while pending
 * @param login that person's login
 * @param ground why it resolves, or null while pending
 */
public record CommitCredit(String repository, long number, String email, String name, String credit, String sha,
        Instant commitTime, Long personId, String login, Ground ground) {

    public static final String AUTHOR = "author";
    public static final String CO_AUTHOR = "co-author";

    /** The stored id and the pending id an admin resolves it by: {@code owner/repo#N:email}. */
    public String key() {
        return key(repository, number, email);
    }

    public static String key(String repository, long number, String email) {
        return repository + "#" + number + ":" + email;
    }

    public boolean pending() {
        return personId == null;
    }

    /** The page of the pull request. */
    public String url() {
        return "https://github.com/" + repository + "/pull/" + number;
    }

    /** This credit resolved (or, with nulls, pending again). */
    public CommitCredit resolvedTo(Long id, String newLogin, Ground newGround) {
        return new CommitCredit(repository, number, email, name, credit, sha, commitTime, id, newLogin, newGround);
    }

    /**
     * The same credit seen again (another commit of the PR, or the store's copy): the earliest commit, author over
     * co-author, and this credit's resolution unless it is pending.
     */
    public CommitCredit mergedWith(CommitCredit other) {
        CommitCredit first = other.commitTime.isBefore(commitTime) ? other : this;
        String c = AUTHOR.equals(credit) || AUTHOR.equals(other.credit) ? AUTHOR : CO_AUTHOR;
        CommitCredit resolved = pending() ? other : this;
        String n = name == null || name.isBlank() ? other.name : name;
        return new CommitCredit(repository, number, email, n, c, first.sha, first.commitTime, resolved.personId,
                resolved.login, resolved.ground);
    }
}
