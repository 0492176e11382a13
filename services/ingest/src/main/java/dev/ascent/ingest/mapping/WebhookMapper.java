package dev.ascent.ingest.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Timestamp;
import dev.ascent.ingest.RawWebhook;
import dev.ascent.proto.events.v1.ContributionRecorded;
import dev.ascent.proto.events.v1.GithubUser;
import dev.ascent.proto.events.v1.Target;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maps a raw GitHub webhook to the canonical contributions it stands for (RULES.md "Canonical contributions and
 * where they come from"). Event ids are derived from the fact, never from the delivery, so a redelivery maps to the
 * same ids. Pure: no framework, no I/O.
 */
public final class WebhookMapper {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BotPolicy bots;

    public WebhookMapper(BotPolicy bots) {
        this.bots = bots;
    }

    /**
     * What a webhook gives.
     *
     * @param contributions the canonical contributions, possibly none
     * @param skippedBots contributions not made because the person credited is a bot
     * @param ignored why nothing was mapped, when the event or action scores nothing (null otherwise)
     */
    public record Result(List<ContributionRecorded> contributions, int skippedBots, String ignored) {
    }

    /**
     * Maps one webhook. Throws {@link IllegalArgumentException} with the reason when the body is not JSON or a
     * scoring event lacks what it needs; such a webhook goes to the dead-letter topic.
     */
    public Result map(RawWebhook hook) {
        JsonNode body;
        try {
            body = JSON.readTree(hook.body());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("body is not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("body is not JSON: " + e.getMessage(), e);
        }
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("body is not a JSON object");
        }
        String action = body.path("action").asText("");
        Builder out = new Builder(hook);
        switch (hook.event() + (action.isEmpty() ? "" : "." + action)) {
            case "issues.opened" -> issueOpened(body, out);
            case "issue_comment.created" -> issueCommented(body, out);
            case "pull_request.opened", "pull_request.ready_for_review" -> prOpened(body, action, out);
            case "pull_request.closed" -> prClosed(body, out);
            case "pull_request_review.submitted" -> prReviewed(body, out);
            default -> {
                return new Result(List.of(), 0, "event " + hook.event() + (action.isEmpty() ? "" : " " + action)
                        + " scores nothing");
            }
        }
        return new Result(List.copyOf(out.contributions), out.skippedBots,
                out.contributions.isEmpty() && out.skippedBots == 0 ? out.ignored : null);
    }

    private void issueOpened(JsonNode body, Builder out) {
        JsonNode issue = required(body, "issue");
        JsonNode author = required(issue, "user");
        out.add("issue.opened", author, time(issue, "created_at"), target(body, issue), text(issue, "html_url"), "", "",
                "");
    }

    private void issueCommented(JsonNode body, Builder out) {
        JsonNode issue = required(body, "issue");
        JsonNode comment = required(body, "comment");
        JsonNode commenter = required(comment, "user");
        long commentId = required(comment, "id").asLong();
        out.add("issue.commented", commenter, time(comment, "created_at"), target(body, issue),
                text(comment, "html_url"), "", "", ":c" + commentId);
    }

    private void prOpened(JsonNode body, String action, Builder out) {
        JsonNode pr = required(body, "pull_request");
        if (pr.path("draft").asBoolean(false)) {
            out.ignored = "a draft pull request scores when it is ready for review";
            return;
        }
        // opened: the PR's own creation time; ready_for_review: the payload has no action time, so updated_at
        Instant at = "opened".equals(action) ? time(pr, "created_at") : time(pr, "updated_at");
        out.add("pr.opened", required(pr, "user"), at, target(body, pr), text(pr, "html_url"), "", "", "");
    }

    private void prClosed(JsonNode body, Builder out) {
        JsonNode pr = required(body, "pull_request");
        if (!pr.path("merged").asBoolean(false)) {
            out.ignored = "a pull request closed without merging scores nothing";
            return;
        }
        JsonNode author = required(pr, "user");
        Instant mergedAt = time(pr, "merged_at");
        Target target = target(body, pr);
        String url = text(pr, "html_url");
        out.add("pr.merged", author, mergedAt, target, url, "author", "", "");
        JsonNode merger = pr.path("merged_by");
        if (merger.isObject() && merger.path("id").asLong() != author.path("id").asLong()) {
            out.add("pr.merged_other", merger, mergedAt, target, url, "", "", "");
        }
    }

    private void prReviewed(JsonNode body, Builder out) {
        JsonNode pr = required(body, "pull_request");
        JsonNode review = required(body, "review");
        JsonNode reviewer = required(review, "user");
        String state = required(review, "state").asText().toLowerCase(Locale.ROOT);
        if (!state.equals("approved") && !state.equals("changes_requested") && !state.equals("commented")) {
            out.ignored = "a review in state " + state + " scores nothing";
            return;
        }
        if (reviewer.path("id").asLong() == required(pr, "user").path("id").asLong()) {
            out.ignored = "a review of one's own pull request scores nothing";
            return;
        }
        out.add("pr.reviewed", reviewer, time(review, "submitted_at"), target(body, pr), text(review, "html_url"), "",
                state, ":r" + required(review, "id").asLong());
    }

    private Target target(JsonNode body, JsonNode issueOrPr) {
        JsonNode author = issueOrPr.path("user");
        Target.Builder t = Target.newBuilder()
                .setRepository(repository(body))
                .setNumber(required(issueOrPr, "number").asLong())
                .setUrl(issueOrPr.path("html_url").asText(""))
                .setAuthorIsBot(bots.isBot(author));
        if (author.isObject()) {
            t.setAuthor(GithubUser.newBuilder().setId(author.path("id").asLong()).setLogin(author.path("login").asText()));
        }
        return t.build();
    }

    private static String repository(JsonNode body) {
        String name = required(required(body, "repository"), "full_name").asText();
        return name.toLowerCase(Locale.ROOT);
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (v.isMissingNode() || v.isNull()) {
            throw new IllegalArgumentException("payload lacks " + field);
        }
        return v;
    }

    private static String text(JsonNode node, String field) {
        return node.path(field).asText("");
    }

    private static Instant time(JsonNode node, String field) {
        String value = required(node, field).asText();
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " is not a time: " + value, e);
        }
    }

    /** Collects the contributions of one webhook, dropping bots. */
    private final class Builder {
        final RawWebhook hook;
        final List<ContributionRecorded> contributions = new ArrayList<>();
        int skippedBots;
        String ignored;

        Builder(RawWebhook hook) {
            this.hook = hook;
        }

        void add(String kind, JsonNode person, Instant at, Target target, String url, String credit, String reviewState,
                String idSuffix) {
            if (bots.isBot(person)) {
                skippedBots++;
                return;
            }
            long id = person.path("id").asLong();
            if (id <= 0) {
                throw new IllegalArgumentException(kind + ": the person credited has no numeric id");
            }
            String eventId = kind + ":" + target.getRepository() + "#" + target.getNumber() + ":" + id + idSuffix;
            contributions.add(ContributionRecorded.newBuilder()
                    .setEventId(eventId)
                    .setKind(kind)
                    .setContributor(GithubUser.newBuilder().setId(id).setLogin(person.path("login").asText()))
                    .setOccurredAt(Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()))
                    .setTarget(target)
                    .setUrl(url.isEmpty() ? target.getUrl() : url)
                    .setCredit(credit)
                    .setReviewState(reviewState)
                    .setSourceDeliveryId(hook.deliveryId() == null ? "" : hook.deliveryId())
                    .build());
        }
    }
}
