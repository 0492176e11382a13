package dev.ascent.ingest.service;

import dev.ascent.ingest.Admin;
import dev.ascent.ingest.RawWebhook;
import dev.ascent.ingest.Statement;
import dev.ascent.ingest.mapping.WebhookMapper;
import dev.ascent.ingest.repository.IdentityStore;
import dev.ascent.proto.events.v1.ContributionRecorded;
import dev.ascent.ruleset.Ruleset;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Ingest's one writer: maps webhooks and carries out admin requests against the identity store, one at a time, so
 * that a link and a push touching the same email never interleave. Returns what to publish; publishing is the
 * caller's, after this returned (write first, emit after). Blocking: call it from a worker thread.
 */
@ApplicationScoped
public class IngestService {

    private final WebhookMapper mapper;
    private final IdentityBook book;
    private final IdentityStore store;
    private final ReentrantLock lock = new ReentrantLock();

    public IngestService(Ruleset ruleset, IdentityStore store) {
        this.mapper = new WebhookMapper(ruleset.sources(), store);
        this.book = new IdentityBook(store, ruleset.sources(), Clock.systemUTC());
        this.store = store;
    }

    /**
     * What a webhook gave.
     *
     * @param mapped what the mapper made of it
     * @param outcome what to publish, after the store was written
     */
    public record Handled(WebhookMapper.Result mapped, IdentityBook.Outcome outcome) {
    }

    /** Maps a webhook and stores what it showed. {@link IllegalArgumentException} when it is malformed. */
    public Handled handle(RawWebhook hook) {
        return locked(() -> {
            WebhookMapper.Result mapped = mapper.map(hook);
            return new Handled(mapped, book.record(mapped));
        });
    }

    public IdentityBook.LinkOutcome link(String email, long githubId, Admin admin) {
        return locked(() -> book.link(email, githubId, admin));
    }

    public IdentityBook.UnlinkOutcome unlink(String email, Admin admin) {
        return locked(() -> book.unlink(email, admin));
    }

    public IdentityBook.LinkOutcome resolvePending(String pendingId, long githubId, Admin admin) {
        return locked(() -> book.resolvePending(pendingId, githubId, admin));
    }

    public ContributionRecorded clearFlag(long githubId, Admin admin) {
        return locked(() -> book.clearFlag(githubId, admin));
    }

    public IdentityBook.PendingPage pending(int pageSize, String pageToken) {
        return book.pending(pageSize, pageToken);
    }

    public IdentityBook.PersonView person(Long githubId, String login) {
        return book.person(githubId, login);
    }

    /** Statements stored but not yet acknowledged by Kafka, oldest first. */
    public List<Statement> unpublished(int limit) {
        return store.unpublished(limit);
    }

    /** Marks a statement published once Kafka acknowledged it. */
    public void markPublished(ContributionRecorded record) {
        store.markPublished(record.getEventId(), record.getRevision());
    }

    private <T> T locked(Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
