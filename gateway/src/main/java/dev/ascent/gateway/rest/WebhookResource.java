package dev.ascent.gateway.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ascent.gateway.messaging.WebhookPublisher;
import dev.ascent.gateway.repository.DeliveryRepository;
import dev.ascent.gateway.webhook.WebhookSignature;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Receives GitHub webhooks. Answers 202 only once Kafka acknowledged the delivery; 401 for a bad or missing
 * signature, 400 for a body that is not JSON, 413 over the size limit, 503 when Kafka cannot take it (GitHub
 * redelivers), 200 for {@code ping} and for a delivery already taken.
 */
@Path("/webhooks/github")
public class WebhookResource {

    private static final Logger LOG = Logger.getLogger(WebhookResource.class);
    private static final Pattern EVENT_NAME = Pattern.compile("[a-z_]{1,64}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<WebhookSignature> signature;
    private final WebhookPublisher publisher;
    private final DeliveryRepository deliveries;

    public WebhookResource(@ConfigProperty(name = "ascent.gateway.webhook-secret") Optional<String> secret,
            WebhookPublisher publisher, DeliveryRepository deliveries) {
        this.signature = secret.filter(s -> !s.isEmpty()).map(WebhookSignature::new);
        this.publisher = publisher;
        this.deliveries = deliveries;
        if (signature.isEmpty()) {
            LOG.warn("GITHUB_WEBHOOK_SECRET is not set: every webhook is refused until it is");
        }
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response receive(byte[] body,
            @HeaderParam("X-Hub-Signature-256") String signatureHeader,
            @HeaderParam("X-GitHub-Event") String event,
            @HeaderParam("X-GitHub-Delivery") String deliveryId) {
        Instant receivedAt = Instant.now();
        if (signature.isEmpty()) {
            return answer(Response.Status.SERVICE_UNAVAILABLE, "the webhook secret is not configured on this server");
        }
        byte[] raw = body == null ? new byte[0] : body;
        if (!signature.get().verify(raw, signatureHeader)) {
            return answer(Response.Status.UNAUTHORIZED, signatureHeader == null
                    ? "missing X-Hub-Signature-256"
                    : "X-Hub-Signature-256 does not match the body");
        }
        if (event == null || !EVENT_NAME.matcher(event).matches()) {
            return answer(Response.Status.BAD_REQUEST, "missing or malformed X-GitHub-Event");
        }
        if (deliveryId == null || deliveryId.isBlank() || deliveryId.length() > 128) {
            return answer(Response.Status.BAD_REQUEST, "missing or malformed X-GitHub-Delivery");
        }
        String notJson = jsonProblem(raw);
        if (notJson != null) {
            return answer(Response.Status.BAD_REQUEST, "body is not JSON: " + notJson);
        }
        if ("ping".equals(event)) {
            return answer(Response.Status.OK, "pong");
        }
        if (alreadyTaken(deliveryId)) {
            return answer(Response.Status.OK, "delivery " + deliveryId + " was already received");
        }
        try {
            publisher.publish(deliveryId, event, receivedAt, raw);
        } catch (RuntimeException e) {
            LOG.warnf("delivery %s not accepted, Kafka did not acknowledge it: %s", deliveryId, e.getMessage());
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).header("Retry-After", "30")
                    .entity(Map.of("status", 503, "message", "the event log is unavailable; retry later")).build();
        }
        try {
            deliveries.remember(deliveryId, event, receivedAt);
        } catch (RuntimeException e) {
            // Kafka has it and every consumer is idempotent: a redelivery would only be filtered later.
            LOG.warnf("delivery %s accepted but not remembered: %s", deliveryId, e.getMessage());
        }
        return answer(Response.Status.ACCEPTED, "accepted");
    }

    private boolean alreadyTaken(String deliveryId) {
        try {
            return deliveries.seen(deliveryId);
        } catch (RuntimeException e) {
            LOG.warnf("cannot check delivery %s for a duplicate, taking it: %s", deliveryId, e.getMessage());
            return false;
        }
    }

    /** Null when the body is one well-formed JSON value; otherwise what is wrong with it. */
    static String jsonProblem(byte[] body) {
        if (body.length == 0) {
            return "empty body";
        }
        try (JsonParser parser = JSON.createParser(body)) {
            parser.skipChildren();
            JsonToken first = parser.nextToken();
            if (first == null) {
                return "empty body";
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                return "trailing content after the JSON value";
            }
            return null;
        } catch (JsonProcessingException e) {
            return e.getOriginalMessage() + " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    private static Response answer(Response.Status status, String message) {
        return Response.status(status).entity(Map.of("status", status.getStatusCode(), "message", message)).build();
    }
}
