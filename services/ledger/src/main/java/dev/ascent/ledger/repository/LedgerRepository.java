package dev.ascent.ledger.repository;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import dev.ascent.ledger.Contribution;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The ledger's MongoDB database: the stored contributions (the facts the fold is over: the prevailing record per
 * event id), the active ruleset version and each person's listing preference. The ledger lines are not stored: they
 * are a pure function of these.
 */
@ApplicationScoped
public class LedgerRepository {

    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    private final MongoDatabase db;
    private final MongoCollection<Document> contributions;
    private final MongoCollection<Document> settings;
    private final MongoCollection<Document> listings;

    public LedgerRepository(MongoClient client, @ConfigProperty(name = "ascent.ledger.database") String database) {
        this.db = client.getDatabase(database);
        this.contributions = db.getCollection("contributions");
        this.settings = db.getCollection("settings");
        this.listings = db.getCollection("listings");
    }

    /** Stores the records that now prevail for their event ids (replacing what was stored for those ids). */
    public void saveContributions(Collection<Contribution> accepted) {
        List<WriteModel<Document>> writes = new ArrayList<>(accepted.size());
        for (Contribution c : accepted) {
            writes.add(new ReplaceOneModel<>(eq("_id", c.eventId()), toDocument(c), UPSERT));
        }
        if (!writes.isEmpty()) {
            contributions.bulkWrite(writes, UNORDERED);
        }
    }

    /** Every stored contribution, for rebuilding the fold at start. */
    public List<Contribution> loadContributions() {
        List<Contribution> all = new ArrayList<>();
        for (Document d : contributions.find()) {
            all.add(fromDocument(d));
        }
        return all;
    }

    /**
     * Drops the ledger lines an earlier version of the ledger stored ({@code ledger_entries}): they are derived from
     * the contributions and folded again at every start. Returns whether there were any.
     */
    public boolean dropStoredLedgerLines() {
        for (String name : db.listCollectionNames()) {
            if (name.equals("ledger_entries")) {
                db.getCollection(name).drop();
                return true;
            }
        }
        return false;
    }

    /** The ruleset version an admin activated last, if any. */
    public Optional<String> activeRulesetVersion() {
        Document d = settings.find(eq("_id", "active-ruleset")).first();
        return d == null ? Optional.empty() : Optional.ofNullable(d.getString("version"));
    }

    /** Records the active ruleset version. */
    public void saveActiveRulesetVersion(String version) {
        settings.replaceOne(eq("_id", "active-ruleset"),
                new Document("_id", "active-ruleset").append("version", version).append("activatedAt", new Date()),
                UPSERT);
    }

    /** The people who asked to be left out of leaderboards and cohort pages, by GitHub id. */
    public Set<Long> loadHiddenPeople() {
        Set<Long> hidden = new HashSet<>();
        for (Document d : listings.find(eq("hidden", true))) {
            hidden.add(((Number) d.get("_id")).longValue());
        }
        return hidden;
    }

    /** Records whether a person asked to be left out; {@code login} only helps whoever reads the collection. */
    public void saveListing(long personId, String login, boolean hidden) {
        listings.replaceOne(eq("_id", personId), new Document("_id", personId).append("hidden", hidden)
                .append("login", login).append("updatedAt", new Date()), UPSERT);
    }

    static Document toDocument(Contribution c) {
        return new Document("_id", c.eventId())
                .append("kind", c.kind())
                .append("contributorId", c.contributorId())
                .append("login", c.login())
                .append("occurredAt", Date.from(c.occurredAt()))
                .append("occurredAtNanos", c.occurredAt().getNano())
                .append("repository", c.repository())
                .append("number", c.number())
                .append("targetAuthorId", c.targetAuthorId())
                .append("targetAuthorIsBot", c.targetAuthorIsBot())
                .append("url", c.url())
                .append("credit", c.credit())
                .append("reviewState", c.reviewState())
                .append("actorId", c.actorId())
                .append("team", c.team())
                .append("arch", c.arch())
                .append("detail", c.detail())
                .append("revision", c.revision())
                .append("retracted", c.retracted());
    }

    static Contribution fromDocument(Document d) {
        // MongoDB dates hold milliseconds; the nanoseconds are kept beside them so a rebuild folds the same times.
        Instant at = d.getDate("occurredAt").toInstant();
        at = at.minusNanos(at.getNano()).plusNanos(d.getInteger("occurredAtNanos", at.getNano()));
        return new Contribution(d.getString("_id"), d.getString("kind"), d.getLong("contributorId"),
                d.getString("login"), at, d.getString("repository"), d.getLong("number"),
                d.getLong("targetAuthorId"), d.getBoolean("targetAuthorIsBot", false), d.getString("url"),
                d.getString("credit"), d.getString("reviewState"), d.get("actorId", 0L), d.getString("team"),
                d.getString("arch"), d.getString("detail"), d.get("revision", 0L), d.getBoolean("retracted", false));
    }
}
