package dev.ascent.ingest;

import java.time.Instant;

/**
 * A webhook exactly as GitHub sent it, with what the gateway recorded on receipt.
 *
 * @param deliveryId the {@code X-GitHub-Delivery}
 * @param event the {@code X-GitHub-Event}, e.g. {@code pull_request}
 * @param receivedAt when the gateway received it (the time of payloads that carry none)
 * @param body the JSON body, byte for byte
 */
public record RawWebhook(String deliveryId, String event, Instant receivedAt, byte[] body) {
}
