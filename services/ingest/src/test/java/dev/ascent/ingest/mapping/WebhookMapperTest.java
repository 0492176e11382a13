package dev.ascent.ingest.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ascent.ingest.RawWebhook;
import dev.ascent.proto.events.v1.ContributionRecorded;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookMapperTest {

    final WebhookMapper mapper = new WebhookMapper(new BotPolicy(BotPolicy.DEFAULT_BOTS));

    static RawWebhook hook(String event, String json) {
        return new RawWebhook("d-1", event, Instant.parse("2026-01-01T00:00:00Z"),
                json.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    }

    static final String REPO = "'repository':{'full_name':'Python/CPython'}";
    static String user(String login, long id, String type) {
        return "{'login':'" + login + "','id':" + id + ",'type':'" + type + "'}";
    }

    @Test
    void mergedPullRequestCreditsTheAuthorAndTheMerger() {
        String pr = "{'number':7,'html_url':'u','merged':true,'merged_at':'2026-02-03T04:05:06Z','user':"
                + user("ada", 1, "User") + ",'merged_by':" + user("bob", 2, "User") + "}";
        List<ContributionRecorded> out = mapper.map(hook("pull_request", "{'action':'closed','pull_request':" + pr + ","
                + REPO + "}")).contributions();
        assertEquals(2, out.size());
        assertEquals("pr.merged:python/cpython#7:1", out.get(0).getEventId());
        assertEquals("author", out.get(0).getCredit());
        assertEquals(Instant.parse("2026-02-03T04:05:06Z").getEpochSecond(), out.get(0).getOccurredAt().getSeconds());
        assertEquals("pr.merged_other:python/cpython#7:2", out.get(1).getEventId());
    }

    @Test
    void aBotMergingGivesTheAuthorTheMergeAndTheBotNothing() {
        String pr = "{'number':7,'merged':true,'merged_at':'2026-02-03T04:05:06Z','user':" + user("ada", 1, "User")
                + ",'merged_by':" + user("miss-islington", 3, "User") + "}";
        WebhookMapper.Result r = mapper.map(hook("pull_request", "{'action':'closed','pull_request':" + pr + "," + REPO + "}"));
        assertEquals(1, r.contributions().size());
        assertEquals(1, r.skippedBots());
    }

    static String review(String reviewer) {
        return "{'action':'submitted','review':{'id':9,'state':'APPROVED','submitted_at':'2026-02-03T04:05:06Z','user':"
                + reviewer + "},'pull_request':{'number':7,'user':" + user("ada", 1, "User") + "}," + REPO + "}";
    }

    @Test
    void reviewsOfOnesOwnPullRequestAndBotsAreNotCredited() {
        String own = review(user("ada", 1, "User"));
        assertTrue(mapper.map(hook("pull_request_review", own)).contributions().isEmpty());
        assertEquals(1, mapper.map(hook("pull_request_review", review(user("helper[bot]", 5, "Bot")))).skippedBots());
        String other = review(user("bob", 2, "User"));
        ContributionRecorded r = mapper.map(hook("pull_request_review", other)).contributions().get(0);
        assertEquals("pr.reviewed:python/cpython#7:2:r9", r.getEventId());
        assertEquals("approved", r.getReviewState());
        assertEquals(1, r.getTarget().getAuthor().getId());
    }

    @Test
    void commentIdsMakeDistinctFactsAndDraftsWait() {
        String c = "{'action':'created','issue':{'number':3,'user':" + user("ada", 1, "User") + "},'comment':{'id':44,"
                + "'created_at':'2026-02-03T04:05:06Z','user':" + user("bob", 2, "User") + "}," + REPO + "}";
        assertEquals("issue.commented:python/cpython#3:2:c44",
                mapper.map(hook("issue_comment", c)).contributions().get(0).getEventId());
        String draft = "{'action':'opened','pull_request':{'number':8,'draft':true,'created_at':'2026-02-03T04:05:06Z','user':"
                + user("ada", 1, "User") + "}," + REPO + "}";
        assertTrue(mapper.map(hook("pull_request", draft)).contributions().isEmpty());
    }

    @Test
    void badBodiesAreRejectedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> mapper.map(new RawWebhook("d", "issues", Instant.now(), "{oops".getBytes(StandardCharsets.UTF_8))));
        assertTrue(e.getMessage().startsWith("body is not JSON"), e.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> mapper.map(hook("issues", "{'action':'opened'," + REPO + "}")));
        assertEquals("payload lacks issue", missing.getMessage());
        assertEquals("event star created scores nothing",
                mapper.map(hook("star", "{'action':'created'}")).ignored());
    }
}
