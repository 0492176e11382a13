package dev.ascent.patchrunner.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ascent.patchrunner.Person;
import dev.ascent.patchrunner.PullRequest;
import dev.ascent.patchrunner.PullRequestEvent;
import dev.ascent.ruleset.BotPolicy;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reads a raw {@code pull_request} webhook (GitHub's JSON) into a {@link PullRequestEvent}. A payload that lacks
 * what a run needs fails with an {@link IllegalArgumentException} naming the field.
 */
public final class PullRequestEventMapper {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BotPolicy bots;

    public PullRequestEventMapper(BotPolicy bots) {
        this.bots = bots;
    }

    /**
     * The event, or empty when its repository is not served (such payloads are not checked further).
     *
     * @param served whether a repository ("owner/repo", lower case) is served
     */
    public Optional<PullRequestEvent> fromJson(String deliveryId, byte[] body, Predicate<String> served) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("the body is not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the body is not a JSON object");
        }
        String repository = text(root, "", "repository", "full_name").toLowerCase(Locale.ROOT);
        if (!served.test(repository)) {
            return Optional.empty();
        }
        String action = text(root, "", "action");
        JsonNode pr = root.path("pull_request");
        if (!pr.isObject()) {
            throw new IllegalArgumentException("pull_request is missing");
        }
        long number = number(pr, "number");
        JsonNode user = pr.path("user");
        PullRequest pullRequest = new PullRequest(repository, number,
                text(pr, "pull_request.", "head", "sha"),
                text(pr, "pull_request.", "base", "ref"),
                text(pr, "pull_request.", "diff_url"),
                text(pr, "pull_request.", "html_url"),
                person(user, "pull_request.user"),
                bots.isBot(user),
                pr.path("author_association").asText(""),
                !"closed".equals(pr.path("state").asText("open")),
                time(pr, "updated_at"));
        JsonNode sender = root.path("sender");
        String label = root.path("label").isObject() ? root.path("label").path("name").asText(null) : null;
        return Optional.of(new PullRequestEvent(deliveryId, action, pullRequest, person(sender, "sender"),
                bots.isBot(sender), label));
    }

    private static Person person(JsonNode user, String name) {
        if (!user.isObject()) {
            throw new IllegalArgumentException(name + " is missing");
        }
        if (!user.path("id").canConvertToLong() || user.path("id").asLong() <= 0) {
            throw new IllegalArgumentException(name + ".id is missing or not a positive number");
        }
        String login = user.path("login").asText("");
        if (login.isBlank()) {
            throw new IllegalArgumentException(name + ".login is missing");
        }
        return new Person(user.path("id").asLong(), login);
    }

    private static String text(JsonNode node, String prefix, String... path) {
        JsonNode n = node;
        for (String p : path) {
            n = n.path(p);
        }
        if (!n.isTextual() || n.asText().isBlank()) {
            throw new IllegalArgumentException(prefix + String.join(".", path) + " is missing");
        }
        return n.asText();
    }

    private static long number(JsonNode node, String field) {
        JsonNode n = node.path(field);
        if (!n.canConvertToLong() || n.asLong() < 1) {
            throw new IllegalArgumentException("pull_request." + field + " is missing or not a positive number");
        }
        return n.asLong();
    }

    private static Instant time(JsonNode node, String field) {
        String t = node.path(field).asText("");
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("pull_request." + field + " is not a time: " + t, e);
        }
    }
}
