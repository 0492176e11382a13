package dev.ascent.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;

/**
 * The one place tests get a MongoDB from: the server named by {@code MONGODB_URI} when it is set (a real MongoDB),
 * otherwise the embedded stand-in, in memory, started once per JVM on a free loopback port. Each test uses a
 * database of its own ({@link #freshDatabase}), so tests against a shared server do not see each other's data.
 */
public final class TestMongo {

    private static String uri;

    private TestMongo() {
    }

    /** The connection string: {@code MONGODB_URI}, or the embedded stand-in's (started on first use). */
    public static synchronized String uri() {
        String external = System.getenv("MONGODB_URI");
        if (external != null && !external.isBlank()) {
            return external;
        }
        if (uri == null) {
            EmbeddedMongo mongo = new EmbeddedMongo(0, null);
            try {
                mongo.start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the MongoDB stand-in for tests: " + e.getMessage(), e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(mongo::stop, "test-mongo-stop"));
            uri = mongo.connectionString();
        }
        return uri;
    }

    /** A database name no other test uses, starting with {@code prefix}. */
    public static String freshDatabase(String prefix) {
        return prefix + "-test-" + UUID.randomUUID().toString().substring(0, 12);
    }
}
