package dev.ascent.ingest.repository;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import com.google.protobuf.InvalidProtocolBufferException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.bulk.BulkWriteUpsert;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import dev.ascent.ingest.Admin;
import dev.ascent.ingest.CommitCredit;
import dev.ascent.ingest.EmailEvidence;
import dev.ascent.ingest.Ground;
import dev.ascent.ingest.LoginSeen;
import dev.ascent.ingest.MergedPr;
import dev.ascent.ingest.Person;
import dev.ascent.ingest.Statement;
import dev.ascent.ingest.UserSeen;
import dev.ascent.proto.events.v1.ContributionRecorded;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;

/**
 * The {@link IdentityStore} in MongoDB (database {@code ascent-ingest} by default). Collections: {@code people} (one
 * document per id and login seen), {@code emails} (evidence by email), {@code merged_prs}, {@code commit_credits},
 * {@code statements} (the outbox of restatements and flag clears) and {@code counters} (the revision sequence).
 * Single-document upserts only: no sessions or transactions, which the MongoDB stand-in does not support.
 */
public final class MongoIdentityStore implements IdentityStore {

    private final MongoCollection<Document> people;
    private final MongoCollection<Document> emails;
    private final MongoCollection<Document> mergedPrs;
    private final MongoCollection<Document> credits;
    private final MongoCollection<Document> statements;
    private final MongoCollection<Document> counters;

    public MongoIdentityStore(MongoDatabase db) {
        this.people = db.getCollection("people");
        this.emails = db.getCollection("emails");
        this.mergedPrs = db.getCollection("merged_prs");
        this.credits = db.getCollection("commit_credits");
        this.statements = db.getCollection("statements");
        this.counters = db.getCollection("counters");
        people.createIndex(Indexes.ascending("loginLower"));
        people.createIndex(Indexes.ascending("personId"));
        emails.createIndex(Indexes.ascending("loginLower"));
        emails.createIndex(Indexes.ascending("personId"));
        credits.createIndex(Indexes.ascending("repository", "number"));
        credits.createIndex(Indexes.ascending("email"));
        credits.createIndex(Indexes.compoundIndex(Indexes.ascending("pending"), Indexes.descending("commitTime"),
                Indexes.ascending("_id")));
        statements.createIndex(Indexes.ascending("published", "revision"));
    }

    // ---------------------------------------------------------------- people

    @Override
    public Set<String> recordUsers(Collection<UserSeen> users) {
        if (users.isEmpty()) {
            return Set.of();
        }
        // one round trip per webhook
        List<UserSeen> list = List.copyOf(users);
        List<WriteModel<Document>> writes = new ArrayList<>(list.size());
        for (UserSeen u : list) {
            String lower = u.login().toLowerCase(Locale.ROOT);
            Date at = Date.from(u.at());
            writes.add(new UpdateOneModel<>(eq("_id", u.id() + ":" + lower), Updates.combine(
                    Updates.set("personId", u.id()),
                    Updates.set("login", u.login()),
                    Updates.set("loginLower", lower),
                    u.bot() ? Updates.set("bot", true) : Updates.setOnInsert("bot", false),
                    Updates.min("firstSeen", at),
                    Updates.max("lastSeen", at)), new UpdateOptions().upsert(true)));
        }
        BulkWriteResult result = people.bulkWrite(writes, new BulkWriteOptions().ordered(true));
        Set<String> fresh = new LinkedHashSet<>();
        for (BulkWriteUpsert upsert : result.getUpserts()) {
            fresh.add(list.get(upsert.getIndex()).login().toLowerCase(Locale.ROOT));
        }
        return fresh;
    }

    @Override
    public Optional<Person> personByLogin(String login) {
        Document d = people.find(eq("loginLower", login.toLowerCase(Locale.ROOT)))
                .sort(Sorts.descending("lastSeen", "personId")).first();
        return d == null ? Optional.empty() : person(d.getLong("personId"));
    }

    @Override
    public Optional<Person> person(long id) {
        List<Document> docs = people.find(eq("personId", id)).sort(Sorts.orderBy(Sorts.descending("lastSeen"),
                Sorts.ascending("login"))).into(new ArrayList<>());
        if (docs.isEmpty()) {
            return Optional.empty();
        }
        boolean bot = docs.stream().anyMatch(d -> d.getBoolean("bot", false));
        return Optional.of(new Person(id, docs.get(0).getString("login"), bot));
    }

    @Override
    public List<LoginSeen> loginsOf(long id) {
        List<LoginSeen> out = new ArrayList<>();
        for (Document d : people.find(eq("personId", id)).sort(Sorts.orderBy(Sorts.descending("lastSeen"),
                Sorts.ascending("login")))) {
            out.add(new LoginSeen(d.getString("login"), d.getDate("firstSeen").toInstant(),
                    d.getDate("lastSeen").toInstant()));
        }
        return out;
    }

    // ---------------------------------------------------------------- emails

    @Override
    public Optional<EmailEvidence> evidence(String email) {
        return Optional.ofNullable(emails.find(eq("_id", email)).first()).map(MongoIdentityStore::toEvidence);
    }

    @Override
    public void putEvidence(EmailEvidence e) {
        Document d = new Document("_id", e.email())
                .append("personId", e.personId())
                .append("login", e.login())
                .append("loginLower", e.login() == null ? null : e.login().toLowerCase(Locale.ROOT))
                .append("ground", e.ground().name())
                .append("revision", e.revision())
                .append("linkedById", e.linkedBy() == null ? null : e.linkedBy().id())
                .append("linkedByLogin", e.linkedBy() == null ? null : e.linkedBy().login())
                .append("at", e.at() == null ? null : Date.from(e.at()));
        emails.replaceOne(eq("_id", e.email()), d, new ReplaceOptions().upsert(true));
    }

    @Override
    public void deleteEvidence(String email) {
        emails.deleteOne(eq("_id", email));
    }

    @Override
    public List<EmailEvidence> evidenceAwaitingLogin(String login) {
        List<EmailEvidence> out = new ArrayList<>();
        for (Document d : emails.find(and(eq("loginLower", login.toLowerCase(Locale.ROOT)), eq("personId", null)))
                .sort(Sorts.ascending("_id"))) {
            out.add(toEvidence(d));
        }
        return out;
    }

    @Override
    public List<EmailEvidence> evidenceOf(long personId) {
        List<EmailEvidence> out = new ArrayList<>();
        for (Document d : emails.find(eq("personId", personId)).sort(Sorts.ascending("_id"))) {
            out.add(toEvidence(d));
        }
        return out;
    }

    private static EmailEvidence toEvidence(Document d) {
        Long linkedById = d.getLong("linkedById");
        Date at = d.getDate("at");
        return new EmailEvidence(d.getString("_id"), d.getLong("personId"), d.getString("login"),
                Ground.valueOf(d.getString("ground")), d.getLong("revision"),
                linkedById == null ? null : new Admin(linkedById, d.getString("linkedByLogin")),
                at == null ? null : at.toInstant());
    }

    // ---------------------------------------------------------------- merged PRs

    @Override
    public void putMergedPr(MergedPr pr) {
        String key = pr.repository() + "#" + pr.number();
        mergedPrs.replaceOne(eq("_id", key), new Document("_id", key)
                .append("repository", pr.repository())
                .append("number", pr.number())
                .append("authorId", pr.authorId())
                .append("authorLogin", pr.authorLogin())
                .append("authorIsBot", pr.authorIsBot())
                .append("mergedAt", Date.from(pr.mergedAt()))
                .append("url", pr.url()), new ReplaceOptions().upsert(true));
    }

    @Override
    public Optional<MergedPr> mergedPr(String repository, long number) {
        Document d = mergedPrs.find(eq("_id", repository + "#" + number)).first();
        return d == null ? Optional.empty() : Optional.of(new MergedPr(d.getString("repository"), d.getLong("number"),
                d.getLong("authorId"), d.getString("authorLogin"), d.getBoolean("authorIsBot", false),
                d.getDate("mergedAt").toInstant(), d.getString("url")));
    }

    // ---------------------------------------------------------------- commit credits

    @Override
    public Optional<CommitCredit> commitCredit(String key) {
        return Optional.ofNullable(credits.find(eq("_id", key)).first()).map(MongoIdentityStore::toCredit);
    }

    @Override
    public void putCommitCredit(CommitCredit c) {
        Document d = new Document("_id", c.key())
                .append("repository", c.repository())
                .append("number", c.number())
                .append("email", c.email())
                .append("name", c.name())
                .append("credit", c.credit())
                .append("sha", c.sha())
                .append("commitTime", Date.from(c.commitTime()))
                .append("personId", c.personId())
                .append("login", c.login())
                .append("ground", c.ground() == null ? null : c.ground().name())
                .append("pending", c.pending());
        credits.replaceOne(eq("_id", c.key()), d, new ReplaceOptions().upsert(true));
    }

    @Override
    public List<CommitCredit> commitCredits(String repository, long number) {
        return toCredits(credits.find(and(eq("repository", repository), eq("number", number)))
                .sort(Sorts.ascending("_id")));
    }

    @Override
    public List<CommitCredit> commitCreditsByEmail(String email) {
        return toCredits(credits.find(eq("email", email)).sort(Sorts.ascending("_id")));
    }

    @Override
    public List<CommitCredit> pending(PageCursor after, int limit) {
        Bson filter = eq("pending", true);
        if (after != null) {
            Date t = Date.from(after.commitTime());
            filter = and(filter, or(lt("commitTime", t), and(eq("commitTime", t), gt("_id", after.key()))));
        }
        return toCredits(credits.find(filter)
                .sort(Sorts.orderBy(Sorts.descending("commitTime"), Sorts.ascending("_id"))).limit(limit));
    }

    @Override
    public long pendingCount() {
        return credits.countDocuments(eq("pending", true));
    }

    private static List<CommitCredit> toCredits(Iterable<Document> docs) {
        List<CommitCredit> out = new ArrayList<>();
        docs.forEach(d -> out.add(toCredit(d)));
        return out;
    }

    private static CommitCredit toCredit(Document d) {
        String ground = d.getString("ground");
        return new CommitCredit(d.getString("repository"), d.getLong("number"), d.getString("email"),
                d.getString("name"), d.getString("credit"), d.getString("sha"), d.getDate("commitTime").toInstant(),
                d.getLong("personId"), d.getString("login"), ground == null ? null : Ground.valueOf(ground));
    }

    // ---------------------------------------------------------------- revisions and statements

    @Override
    public long nextRevision() {
        Document d = counters.findOneAndUpdate(eq("_id", "revision"), Updates.inc("value", 1L),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        return ((Number) d.get("value")).longValue();
    }

    @Override
    public Optional<Statement> statement(String eventId) {
        return Optional.ofNullable(statements.find(eq("_id", eventId)).first()).map(MongoIdentityStore::toStatement);
    }

    @Override
    public void putStatement(Statement s) {
        statements.replaceOne(eq("_id", s.eventId()), new Document("_id", s.eventId())
                .append("revision", s.revision())
                .append("retracted", s.retracted())
                .append("record", new Binary(s.record().toByteArray()))
                .append("published", s.published()), new ReplaceOptions().upsert(true));
    }

    @Override
    public void markPublished(String eventId, long revision) {
        statements.updateOne(and(eq("_id", eventId), eq("revision", revision)), Updates.set("published", true));
    }

    @Override
    public List<Statement> unpublished(int limit) {
        List<Statement> out = new ArrayList<>();
        for (Document d : statements.find(eq("published", false)).sort(Sorts.ascending("revision", "_id"))
                .limit(limit)) {
            out.add(toStatement(d));
        }
        return out;
    }

    private static Statement toStatement(Document d) {
        try {
            ContributionRecorded record = ContributionRecorded.parseFrom(d.get("record", Binary.class).getData());
            return new Statement(d.getString("_id"), d.getLong("revision"), d.getBoolean("retracted", false), record,
                    d.getBoolean("published", false));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("statement " + d.getString("_id") + " does not parse: " + e.getMessage(), e);
        }
    }
}
