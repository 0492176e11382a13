package dev.ascent.ledger.repository;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import dev.ascent.ledger.Contribution;
import dev.ascent.ledger.rules.LedgerEntry;
import dev.ascent.ledger.rules.Ruleset;
import dev.ascent.ledger.rules.Standing;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The ledger's MongoDB database: stored contributions (the input, one per event id), the ledger entries and one
 * profile per person (the output of the fold).
 */
@ApplicationScoped
public class LedgerRepository {

    private final MongoCollection<Document> contributions;
    private final MongoCollection<Document> entries;
    private final MongoCollection<Document> profiles;

    public LedgerRepository(MongoClient client, @ConfigProperty(name = "ascent.ledger.database") String database) {
        MongoDatabase db = client.getDatabase(database);
        this.contributions = db.getCollection("contributions");
        this.entries = db.getCollection("ledger_entries");
        this.profiles = db.getCollection("profiles");
        entries.createIndex(Indexes.ascending("personId", "occurredAt"));
        profiles.createIndex(Indexes.ascending("loginLower"));
        contributions.createIndex(Indexes.ascending("occurredAt", "_id"), new IndexOptions());
    }

    /**
     * Stores a contribution once per event id; when the same id comes again with an earlier time, the earlier
     * time is kept. Idempotent: a redelivery changes nothing.
     */
    public void saveContribution(Contribution c) {
        contributions.updateOne(eq("_id", c.eventId()),
                Updates.combine(
                        Updates.setOnInsert("kind", c.kind()),
                        Updates.setOnInsert("contributorId", c.contributorId()),
                        Updates.setOnInsert("login", c.login()),
                        Updates.setOnInsert("repository", c.repository()),
                        Updates.setOnInsert("number", c.number()),
                        Updates.setOnInsert("targetAuthorId", c.targetAuthorId()),
                        Updates.setOnInsert("targetAuthorIsBot", c.targetAuthorIsBot()),
                        Updates.setOnInsert("url", c.url()),
                        Updates.setOnInsert("credit", c.credit()),
                        Updates.setOnInsert("reviewState", c.reviewState()),
                        Updates.min("occurredAt", Date.from(c.occurredAt()))),
                new UpdateOptions().upsert(true));
    }

    /** Every stored contribution, for rebuilding the fold at start. */
    public List<Contribution> loadContributions() {
        List<Contribution> all = new ArrayList<>();
        for (Document d : contributions.find()) {
            all.add(new Contribution(d.getString("_id"), d.getString("kind"), d.getLong("contributorId"),
                    d.getString("login"), d.getDate("occurredAt").toInstant(), d.getString("repository"),
                    d.getLong("number"), d.getLong("targetAuthorId"), d.getBoolean("targetAuthorIsBot", false),
                    d.getString("url"), d.getString("credit"), d.getString("reviewState")));
        }
        return all;
    }

    /**
     * Writes a person's profile and the ledger lines that differ from what was written before; lines no longer
     * in the ledger are removed.
     */
    public void saveStanding(Standing s, Ruleset rules, Optional<Standing> previous) {
        Set<LedgerEntry> before = previous.map(p -> Set.copyOf(p.entries())).orElse(Set.of());
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (LedgerEntry e : s.entries()) {
            if (!before.contains(e)) {
                writes.add(new ReplaceOneModel<>(eq("_id", entryKey(e)), toDocument(e), new ReplaceOptions().upsert(true)));
            }
        }
        if (!writes.isEmpty()) {
            entries.bulkWrite(writes);
        }
        Set<String> now = s.entries().stream().map(LedgerRepository::entryKey).collect(Collectors.toSet());
        List<String> gone = before.stream().map(LedgerRepository::entryKey).filter(k -> !now.contains(k)).toList();
        if (previous.isEmpty()) {
            // first write since start: remove whatever an earlier run left that this fold no longer has
            List<String> stale = new ArrayList<>();
            for (Document d : entries.find(eq("personId", s.personId())).projection(new Document("_id", 1))) {
                if (!now.contains(d.getString("_id"))) {
                    stale.add(d.getString("_id"));
                }
            }
            gone = stale;
        }
        if (!gone.isEmpty()) {
            entries.deleteMany(and(eq("personId", s.personId()), in("_id", gone)));
        }
        int level = rules.levelFor(s.points());
        Document profile = new Document("_id", s.personId())
                .append("login", s.login())
                .append("loginLower", s.login().toLowerCase(Locale.ROOT))
                .append("points", s.points())
                .append("level", level)
                .append("nextLevelPoints", rules.nextLevelPoints(level))
                .append("mergedPrs", s.mergedPrs())
                .append("activeMonths", s.activeMonths().stream().map(YearMonth::toString).toList())
                .append("entries", (long) s.entries().size())
                .append("rulesetVersion", s.rulesetVersion())
                .append("updatedAt", Date.from(Instant.now()));
        profiles.replaceOne(eq("_id", s.personId()), profile, new ReplaceOptions().upsert(true));
    }

    /** The profile of the person who most recently used this login, compared without regard to case. */
    public Optional<Profile> findProfileByLogin(String login) {
        Document d = profiles.find(eq("loginLower", login.toLowerCase(Locale.ROOT)))
                .sort(Sorts.descending("updatedAt")).first();
        if (d == null) {
            return Optional.empty();
        }
        List<YearMonth> months = d.getList("activeMonths", String.class).stream().map(YearMonth::parse).toList();
        return Optional.of(new Profile(d.getLong("_id"), d.getString("login"), d.getLong("points"),
                d.getInteger("level"), d.getLong("nextLevelPoints"), d.getInteger("mergedPrs"), months,
                d.getLong("entries"), d.getString("rulesetVersion")));
    }

    private static String entryKey(LedgerEntry e) {
        return e.personId() + ":" + e.entryId();
    }

    private static Document toDocument(LedgerEntry e) {
        return new Document("_id", entryKey(e))
                .append("personId", e.personId())
                .append("eventId", e.eventId())
                .append("kind", e.kind())
                .append("points", e.points())
                .append("ruleId", e.ruleId())
                .append("rulesetVersion", e.rulesetVersion())
                .append("sentence", e.sentence())
                .append("url", e.url())
                .append("occurredAt", Date.from(e.occurredAt()));
    }

    /** A person's stored figures, as the read API serves them. */
    public record Profile(long personId, String login, long points, int level, long nextLevelPoints, int mergedPrs,
            List<YearMonth> activeMonths, long entries, String rulesetVersion) {
    }
}
