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

    /** One delivery to post: the {@code X-GitHub-Event} and the payload. */
    record Delivery(String event, ObjectNode body) {
    }

    /**
     * Codertocat's first steps, from the real examples: issues opened, a comment, a PR opened and merged (by octocat),
     * and octocat's review of it. Under RULES.md codertocat ends with 50 points in 5 lines (2 + 1 + 2 + 20 + 25),
     * octocat with 10 in 3 (2 + 4 + 4).
     */
    List<Delivery> firstSteps() {
        JsonNode octocat = first("pull_request", null, e -> e.path("pull_request").path("requested_reviewers").size() > 0)
                .path("pull_request").path("requested_reviewers").get(0);
        List<Delivery> out = new ArrayList<>();
        all("issues", "opened").forEach(e -> out.add(new Delivery("issues", e)));
        all("issue_comment", "created").forEach(e -> out.add(new Delivery("issue_comment", e)));
        for (String action : List.of("opened", "ready_for_review")) {
            all("pull_request", action).forEach(e -> out.add(new Delivery("pull_request", e)));
        }
        // No example of a merged pull request exists: derive one from a real "closed" example, changing only what
        // differs when the PR was merged (by octocat).
        ObjectNode merged = first("pull_request", "closed", e -> true);
        ObjectNode pr = (ObjectNode) merged.get("pull_request");
        pr.put("merged", true);
        pr.put("merged_at", pr.get("closed_at").asText());
        pr.set("merged_by", octocat);
        merged.set("sender", octocat);
        out.add(new Delivery("pull_request", merged));
        // The examples' reviews are the author's own (never credited): derive octocat's review of the same PR.
        for (ObjectNode review : all("pull_request_review", null)) {
            if (review.path("action").asText().equals("submitted")) {
                ((ObjectNode) review.get("review")).set("user", octocat);
                review.set("sender", octocat);
            }
            out.add(new Delivery("pull_request_review", review));
        }
        return out;
    }

    /**
     * {@code count} comments by a new person ({@code login}, {@code id}), derived from a real issue_comment: one a day
     * from {@code firstDay}, so no daily limit applies and each earns 1 point.
     */
    List<Delivery> dailyComments(String login, long id, int count, java.time.Instant firstDay, long firstCommentId) {
        ObjectNode template = first("issue_comment", "created", e -> true);
        ObjectNode commenter = ((ObjectNode) template.path("comment").path("user")).deepCopy();
        commenter.put("id", id);
        commenter.put("login", login);
        List<Delivery> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ObjectNode hook = template.deepCopy();
            ObjectNode comment = (ObjectNode) hook.get("comment");
            comment.put("id", firstCommentId + i);
            comment.put("created_at", firstDay.plus(java.time.Duration.ofDays(i)).toString());
            comment.set("user", commenter);
            hook.set("sender", commenter);
            out.add(new Delivery("issue_comment", hook));
        }
        return out;
    }
}
