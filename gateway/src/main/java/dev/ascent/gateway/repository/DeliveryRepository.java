package dev.ascent.gateway.repository;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The deliveries the gateway has handed to Kafka, by {@code X-GitHub-Delivery}, so a redelivery is not sent twice. */
@ApplicationScoped
public class DeliveryRepository {

    private final MongoCollection<Document> deliveries;

    public DeliveryRepository(MongoClient client, @ConfigProperty(name = "ascent.gateway.database") String database) {
        this.deliveries = client.getDatabase(database).getCollection("deliveries");
    }

    public boolean seen(String deliveryId) {
        return deliveries.find(eq("_id", deliveryId)).first() != null;
    }

    /** Records a delivery Kafka acknowledged; recording it twice is harmless. */
    public void remember(String deliveryId, String event, Instant receivedAt) {
        try {
            deliveries.insertOne(new Document("_id", deliveryId).append("event", event)
                    .append("receivedAt", Date.from(receivedAt)));
        } catch (MongoWriteException e) {
            if (e.getError().getCode() != 11000) {
                throw e;
            }
        }
    }
}
