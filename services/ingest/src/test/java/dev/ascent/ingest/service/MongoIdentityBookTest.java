package dev.ascent.ingest.service;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.ascent.devstack.TestMongo;
import dev.ascent.ingest.repository.IdentityStore;
import dev.ascent.ingest.repository.MongoIdentityStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The identity flows over {@link MongoIdentityStore} on a MongoDB-protocol server: {@code MONGODB_URI} when set (a
 * real MongoDB), else the in-memory mongo-java-server. Each test has a database of its own, dropped after it.
 */
class MongoIdentityBookTest extends IdentityBookContract {

    static MongoClient client;
    MongoDatabase db;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(TestMongo.uri());
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @Override
    protected IdentityStore newStore() {
        db = client.getDatabase(TestMongo.freshDatabase("ascent-ingest"));
        return new MongoIdentityStore(db);
    }

    @AfterEach
    void drop() {
        db.drop();
    }
}
