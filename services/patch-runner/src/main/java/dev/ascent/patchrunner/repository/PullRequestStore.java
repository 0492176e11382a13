package dev.ascent.patchrunner.repository;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lte;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import dev.ascent.patchrunner.PullRequest;
import java.util.Optional;
import org.bson.Document;

/**
 * The latest state of each pull request of a served repository, as the webhooks showed it (collection
 * {@code pull_requests}, keyed "owner/repo#N"): what a re-run request tests.
 */
public final class PullRequestStore {

    private final MongoCollection<Document> prs;

    public PullRequestStore(MongoDatabase db) {
        this.prs = db.getCollection("pull_requests");
    }

    /**
     * Keeps the pull request's state unless a newer one (a later updated_at) is stored already: webhooks may arrive
     * out of order. Returns whether this state is the latest known (a redelivery of the latest one is).
     */
    public boolean record(PullRequest pr, String deliveryId) {
        Document doc = Documents.toDocument(pr).append("_id", pr.key()).append("deliveryId", deliveryId);
        try {
            // one conditional upsert: an older state matches nothing and its insert hits the _id of the newer one
            prs.replaceOne(and(eq("_id", pr.key()), lte("updatedAt", Documents.date(pr.updatedAt()))), doc,
                    new ReplaceOptions().upsert(true));
            return true;
        } catch (MongoWriteException e) {
            if (Documents.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    /** The latest state of a pull request, if any webhook of it was seen. */
    public Optional<PullRequest> find(String repository, long number) {
        Document d = prs.find(eq("_id", PullRequest.key(repository, number))).first();
        return Optional.ofNullable(d).map(Documents::pullRequest);
    }
}
