package dev.ascent.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Webhook payloads for tests: the real examples in {@code src/test/resources/webhooks/}, and what tests change. */
public final class Webhooks {

    public static final ObjectMapper JSON = new ObjectMapper();
    /** The gateway's receipt time of every test delivery. */
    public static final Instant RECEIVED = Instant.parse("2026-03-04T05:06:07.890Z");

    private Webhooks() {
    }

    /** A fixture, e.g. {@code issues-labeled}, as a mutable tree. */
    public static ObjectNode load(String name) {
        try (InputStream in = Webhooks.class.getResourceAsStream("/webhooks/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A GitHub user object of type User. */
    public static ObjectNode user(String login, long id) {
        return JSON.createObjectNode().put("login", login).put("id", id).put("type", "User");
    }

    /** A GitHub user object of type Bot. */
    public static ObjectNode bot(String login, long id) {
        return JSON.createObjectNode().put("login", login).put("id", id).put("type", "Bot");
    }

    public static RawWebhook hook(String event, JsonNode body) {
        return hook(event, body, RECEIVED);
    }

    public static RawWebhook hook(String event, JsonNode body, Instant received) {
        return new RawWebhook("delivery-" + event, event, received, body.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The real push example (to refs/heads/master, the default branch) with these commits instead of its own. */
    public static ObjectNode push(String repository, String ref, ObjectNode... commits) {
        ObjectNode p = load("push-default-branch");
        p.put("ref", ref);
        ((ObjectNode) p.get("repository")).put("full_name", repository);
        ArrayNode list = p.putArray("commits");
        for (ObjectNode c : commits) {
            list.add(c);
        }
        p.set("head_commit", commits.length == 0 ? null : commits[commits.length - 1]);
        return p;
    }

    /** A commit of a push payload; {@code username} null when GitHub tied the email to no account. */
    public static ObjectNode commit(String sha, String message, String timestamp, String name, String email,
            String username) {
        ObjectNode c = load("push-default-branch").get("commits").get(0).deepCopy();
        c.put("id", sha).put("message", message).put("timestamp", timestamp);
        ObjectNode author = JSON.createObjectNode().put("name", name).put("email", email);
        if (username != null) {
            author.put("username", username);
        }
        c.set("author", author);
        c.set("committer", JSON.createObjectNode().put("name", "GitHub").put("email", "noreply@github.com")
                .put("username", "web-flow"));
        return c;
    }
}
