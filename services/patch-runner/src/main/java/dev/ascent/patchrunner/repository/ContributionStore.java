package dev.ascent.patchrunner.repository;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lte;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import dev.ascent.proto.events.v1.ContributionRecorded;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * The outbox of patch.passed contributions (collection {@code contributions}, keyed by event id): stored first,
 * published, then marked published. The event id as key makes a contribution once per pull request and
 * architecture, however many runs pass there.
 */
public final class ContributionStore {

    private final MongoCollection<Document> contributions;

    public ContributionStore(MongoDatabase db) {
        this.contributions = db.getCollection("contributions");
        contributions.createIndex(Indexes.ascending("published", "storedAt"));
    }

    /** A stored contribution and whether Kafka acknowledged it. */
    public record Stored(ContributionRecorded record, boolean published) {
    }

    /** Stores a contribution unless one of its event id is stored; returns whether this one was. */
    public boolean insert(ContributionRecorded c, Instant at) {
        try {
            contributions.insertOne(new Document("_id", c.getEventId())
                    .append("record", new Binary(c.toByteArray()))
                    .append("published", false)
                    .append("storedAt", Documents.date(at)));
            return true;
        } catch (MongoWriteException e) {
            if (Documents.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    public Optional<Stored> find(String eventId) {
        Document d = contributions.find(eq("_id", eventId)).first();
        return Optional.ofNullable(d).map(x -> new Stored(record(x), x.getBoolean("published", false)));
    }

    /** Contributions Kafka has not acknowledged, stored at or before {@code storedBy}, oldest first. */
    public List<ContributionRecorded> unpublished(Instant storedBy, int limit) {
        List<ContributionRecorded> out = new ArrayList<>();
        for (Document d : contributions.find(and(eq("published", false), lte("storedAt", Documents.date(storedBy))))
                .sort(Sorts.ascending("storedAt", "_id")).limit(limit)) {
            out.add(record(d));
        }
        return out;
    }

    public void markPublished(String eventId) {
        contributions.updateOne(eq("_id", eventId), Updates.set("published", true));
    }

    private static ContributionRecorded record(Document d) {
        try {
            return ContributionRecorded.parseFrom(Documents.bytes(d, "record"));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("stored contribution " + d.getString("_id") + " does not parse: "
                    + e.getMessage(), e);
        }
    }
}
