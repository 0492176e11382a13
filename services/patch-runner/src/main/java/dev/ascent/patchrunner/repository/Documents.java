package dev.ascent.patchrunner.repository;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import dev.ascent.patchrunner.Person;
import dev.ascent.patchrunner.PullRequest;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.bson.types.Binary;

/** Conversions shared by the stores: people, pull requests, times and bytes in MongoDB documents. */
final class Documents {

    private Documents() {
    }

    static Document toDocument(Person p) {
        return new Document("id", p.id()).append("login", p.login());
    }

    static Person person(Document d) {
        return new Person(((Number) d.get("id")).longValue(), d.getString("login"));
    }

    static Document toDocument(PullRequest pr) {
        return new Document("repository", pr.repository())
                .append("number", pr.number())
                .append("headSha", pr.headSha())
                .append("baseRef", pr.baseRef())
                .append("diffUrl", pr.diffUrl())
                .append("htmlUrl", pr.htmlUrl())
                .append("author", toDocument(pr.author()))
                .append("authorIsBot", pr.authorIsBot())
                .append("authorAssociation", pr.authorAssociation())
                .append("open", pr.open())
                .append("updatedAt", date(pr.updatedAt()));
    }

    static PullRequest pullRequest(Document d) {
        return new PullRequest(d.getString("repository"), ((Number) d.get("number")).longValue(),
                d.getString("headSha"), d.getString("baseRef"), d.getString("diffUrl"), d.getString("htmlUrl"),
                person(d.get("author", Document.class)), d.getBoolean("authorIsBot", false),
                d.getString("authorAssociation"), d.getBoolean("open", true), instant(d.getDate("updatedAt")));
    }

    static Date date(Instant t) {
        return t == null ? null : Date.from(t);
    }

    static Instant instant(Date d) {
        return d == null ? null : d.toInstant();
    }

    static byte[] bytes(Document d, String field) {
        Binary b = d.get(field, Binary.class);
        return b == null ? null : b.getData();
    }

    static boolean isDuplicateKey(RuntimeException e) {
        if (e instanceof MongoWriteException w) {
            return w.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
        }
        if (e instanceof MongoBulkWriteException b) {
            return b.getWriteErrors().stream()
                    .allMatch(err -> ErrorCategory.fromErrorCode(err.getCode()) == ErrorCategory.DUPLICATE_KEY);
        }
        return false;
    }
}
