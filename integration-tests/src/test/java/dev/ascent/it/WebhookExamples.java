package dev.ascent.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Real GitHub webhook payloads from the npm package {@code @octokit/webhooks-examples}. */
final class WebhookExamples {

    static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode index;

    private WebhookExamples(JsonNode index) {
        this.index = index;
    }

    static WebhookExamples load() {
        String dir = System.getProperty("ascent.webhook.examples");
        if (dir == null) {
            throw new IllegalStateException("system property ascent.webhook.examples is not set (run through Maven)");
        }
        Path file = Path.of(dir, "index.json");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing: the build installs it with `npm ci` in integration-tests/");
        }
        try {
            return new WebhookExamples(JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deep copies of every example of an event (and action, when not null), in the package's order. */
    List<ObjectNode> all(String event, String action) {
        return all(event, action, e -> true);
    }

    List<ObjectNode> all(String event, String action, Predicate<JsonNode> filter) {
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode group : index) {
            if (!group.path("name").asText().equals(event)) {
                continue;
            }
            for (JsonNode example : group.path("examples")) {
                if ((action == null || action.equals(example.path("action").asText())) && filter.test(example)) {
                    out.add(example.deepCopy());
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no example of " + event + " " + action);
        }
        return out;
    }

    ObjectNode first(String event, String action, Predicate<JsonNode> filter) {
        return all(event, action, filter).get(0);
    }
}
