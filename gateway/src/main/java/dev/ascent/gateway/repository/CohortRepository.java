package dev.ascent.gateway.repository;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import dev.ascent.gateway.portal.Cohort;
import dev.ascent.gateway.portal.CohortDraft;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The cohorts, in the gateway's database: one document per cohort, {@code _id} its short name. */
@ApplicationScoped
public class CohortRepository {

    private final MongoCollection<Document> cohorts;

    public CohortRepository(MongoClient client, @ConfigProperty(name = "ascent.gateway.database") String database) {
        this.cohorts = client.getDatabase(database).getCollection("cohorts");
    }

    /** Every cohort, by name. */
    public List<Cohort> all() {
        List<Cohort> all = new ArrayList<>();
        for (Document d : cohorts.find().sort(Sorts.ascending("name"))) {
            all.add(fromDocument(d));
        }
        return all;
    }

    public Optional<Cohort> find(String slug) {
        return Optional.ofNullable(cohorts.find(eq("_id", slug)).first()).map(CohortRepository::fromDocument);
    }

    /** Creates a cohort with no members; false when its short name is taken. */
    public boolean create(CohortDraft draft, String createdBy, Instant now) {
        try {
            cohorts.insertOne(new Document("_id", draft.slug()).append("name", draft.name())
                    .append("description", draft.description()).append("curators", draft.curators())
                    .append("members", List.of()).append("from", date(draft.from())).append("to", date(draft.to()))
                    .append("createdBy", createdBy).append("createdAt", Date.from(now)));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCode() == 11000) {
                return false;
            }
            throw e;
        }
    }

    /** Adds a member (a normalized login); adding one twice is harmless. */
    public void addMember(String slug, String login) {
        cohorts.updateOne(eq("_id", slug), Updates.addToSet("members", login));
    }

    public void removeMember(String slug, String login) {
        cohorts.updateOne(eq("_id", slug), Updates.pull("members", login));
    }

    private static Date date(Instant t) {
        return t == null ? null : Date.from(t);
    }

    private static Instant instant(Date d) {
        return d == null ? null : d.toInstant();
    }

    private static Cohort fromDocument(Document d) {
        return new Cohort(d.getString("_id"), d.getString("name"), d.getString("description"),
                List.copyOf(d.getList("curators", String.class, List.of())),
                List.copyOf(d.getList("members", String.class, List.of())).stream().sorted().toList(),
                instant(d.getDate("from")), instant(d.getDate("to")), d.getString("createdBy"),
                instant(d.getDate("createdAt")));
    }
}
