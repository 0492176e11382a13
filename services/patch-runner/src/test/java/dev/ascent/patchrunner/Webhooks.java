package dev.ascent.patchrunner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;

/** Webhook payloads for tests: the real examples in {@code src/test/resources/webhooks/}, with what tests change. */
public final class Webhooks {

    public static final ObjectMapper JSON = new ObjectMapper();

    private Webhooks() {
    }

    /** A fixture, e.g. {@code pull_request-opened}, as a mutable tree. */
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

    /** A GitHub user object. */
    public static ObjectNode user(String login, long id, String type) {
        return JSON.createObjectNode().put("login", login).put("id", id).put("type", type);
    }

    /** A pull_request webhook of {@code action} built on the real example of that action. */
    public static PullRequestHook pullRequest(String action) {
        return new PullRequestHook(load("pull_request-" + action));
    }

    /** A pull_request payload under construction. */
    public static final class PullRequestHook {

        private final ObjectNode root;

        PullRequestHook(ObjectNode root) {
            this.root = root;
        }

        private ObjectNode pr() {
            return (ObjectNode) root.get("pull_request");
        }

        public PullRequestHook repository(String fullName) {
            ((ObjectNode) root.get("repository")).put("full_name", fullName);
            return this;
        }

        public PullRequestHook number(long n) {
            root.put("number", n);
            pr().put("number", n);
            String repo = root.path("repository").path("full_name").asText();
            pr().put("html_url", "https://github.com/" + repo + "/pull/" + n);
            return this;
        }

        public PullRequestHook author(String login, long id, String type, String association) {
            pr().set("user", user(login, id, type));
            pr().put("author_association", association);
            return this;
        }

        public PullRequestHook sender(String login, long id, String type) {
            root.set("sender", user(login, id, type));
            return this;
        }

        public PullRequestHook label(String name) {
            ((ObjectNode) root.get("label")).put("name", name);
            return this;
        }

        public PullRequestHook diffUrl(String url) {
            pr().put("diff_url", url);
            return this;
        }

        public PullRequestHook head(String sha) {
            ((ObjectNode) pr().get("head")).put("sha", sha);
            return this;
        }

        public PullRequestHook base(String ref) {
            ((ObjectNode) pr().get("base")).put("ref", ref);
            return this;
        }

        public PullRequestHook updatedAt(Instant t) {
            pr().put("updated_at", t.toString());
            return this;
        }

        public PullRequestHook state(String state) {
            pr().put("state", state);
            return this;
        }

        public ObjectNode json() {
            return root;
        }

        public byte[] bytes() {
            return root.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
