package dev.ascent.ingest;

import java.time.Instant;

/**
 * A stored tie of an email to a person: GitHub's own (the email on a commit whose author carries a username) or an
 * admin's link. Noreply addresses resolve by their form and are never stored.
 *
 * @param email the address in lower case
 * @param personId the GitHub id, or null while only the login is known (a username not yet seen in the directory)
 * @param login the username of the commit ({@link Ground#OWN_COMMITS}), or the person's login when linked
 * @param ground {@link Ground#OWN_COMMITS} or {@link Ground#ADMIN_LINK}
 * @param revision for an admin link, the revision taken when it was made
 * @param linkedBy the admin who made the link (null for own commits)
 * @param at when it was recorded
 */
public record EmailEvidence(String email, Long personId, String login, Ground ground, long revision, Admin linkedBy,
        Instant at) {
}
