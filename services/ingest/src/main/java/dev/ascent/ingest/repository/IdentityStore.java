package dev.ascent.ingest.repository;

import dev.ascent.ingest.CommitCredit;
import dev.ascent.ingest.EmailEvidence;
import dev.ascent.ingest.LoginSeen;
import dev.ascent.ingest.MergedPr;
import dev.ascent.ingest.Statement;
import dev.ascent.ingest.UserSeen;
import dev.ascent.ingest.mapping.Identities;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What ingest keeps about identities: the people directory, the email evidence, merged pull requests' authors, the
 * commit credits (resolved and pending) and the statements it published on its own initiative. Plain storage: the
 * decisions are {@link dev.ascent.ingest.service.IdentityBook}'s. Every write is a single-document upsert, so no
 * transaction is needed.
 */
public interface IdentityStore extends Identities {

    /** Records the users a webhook showed; returns the logins, in lower case, that are new for their id. */
    Set<String> recordUsers(Collection<UserSeen> users);

    /** Every login seen for a person, most recent first. */
    List<LoginSeen> loginsOf(long id);

    /** Stores the tie of an email, replacing the one stored for it. */
    void putEvidence(EmailEvidence evidence);

    void deleteEvidence(String email);

    /** Evidence naming this login (compared without regard to case) and no id yet. */
    List<EmailEvidence> evidenceAwaitingLogin(String login);

    /** Evidence tied to this person's id. */
    List<EmailEvidence> evidenceOf(long personId);

    void putMergedPr(MergedPr pr);

    Optional<MergedPr> mergedPr(String repository, long number);

    Optional<CommitCredit> commitCredit(String key);

    /** Stores a commit credit, replacing the one with its key. */
    void putCommitCredit(CommitCredit credit);

    List<CommitCredit> commitCredits(String repository, long number);

    List<CommitCredit> commitCreditsByEmail(String email);

    /** Where a page of pending credits starts: after this commit time and key (in list order). */
    record PageCursor(Instant commitTime, String key) {
    }

    /** Pending credits, newest commit first, then by key; {@code after} null for the first page. */
    List<CommitCredit> pending(PageCursor after, int limit);

    long pendingCount();

    /** The next value of the one revision sequence (1, 2, …): every identity change takes one. */
    long nextRevision();

    Optional<Statement> statement(String eventId);

    /** Stores a statement, replacing the one with its event id. */
    void putStatement(Statement statement);

    /** Marks a statement published, unless a newer revision replaced it meanwhile. */
    void markPublished(String eventId, long revision);

    /** Statements Kafka has not acknowledged yet, oldest revision first. */
    List<Statement> unpublished(int limit);
}
