package dev.ascent.patchrunner.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ascent.patchrunner.Person;
import dev.ascent.patchrunner.PullRequestEvent;
import dev.ascent.patchrunner.Webhooks;
import dev.ascent.ruleset.BotPolicy;
import dev.ascent.ruleset.Ruleset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading GitHub's real pull_request payloads. */
class PullRequestEventMapperTest {

    final PullRequestEventMapper mapper = new PullRequestEventMapper(new BotPolicy(Ruleset.loadDefault().sources()));

    PullRequestEvent read(ObjectNode json) {
        return mapper.fromJson("d-1", json.toString().getBytes(StandardCharsets.UTF_8), r -> true).orElseThrow();
    }

    @Test
    void readsWhatARunNeedsFromTheRealOpenedExample() {
        PullRequestEvent e = read(Webhooks.load("pull_request-opened"));
        assertEquals("opened", e.action());
        assertEquals("codertocat/hello-world", e.pullRequest().repository());
        assertEquals(2, e.pullRequest().number());
        assertEquals("ec26c3e57ca3a959ca5aad62de7213c562f8c821", e.pullRequest().headSha());
        assertEquals("master", e.pullRequest().baseRef());
        assertEquals("https://github.com/Codertocat/Hello-World/pull/2.diff", e.pullRequest().diffUrl());
        assertEquals("https://github.com/Codertocat/Hello-World/pull/2", e.pullRequest().htmlUrl());
        assertEquals(new Person(21031067, "Codertocat"), e.pullRequest().author());
        assertEquals("OWNER", e.pullRequest().authorAssociation());
        assertTrue(e.pullRequest().open());
        assertFalse(e.pullRequest().authorIsBot());
        assertEquals(Instant.parse("2019-05-15T15:20:33Z"), e.pullRequest().updatedAt());
        assertEquals(new Person(21031067, "Codertocat"), e.sender());
        assertNull(e.label());
    }

    @Test
    void readsTheLabelAndTheClosedState() {
        assertEquals("bug", read(Webhooks.load("pull_request-labeled")).label());
        assertFalse(read(Webhooks.load("pull_request-closed")).pullRequest().open());
        assertEquals("synchronize", read(Webhooks.load("pull_request-synchronize")).action());
        assertEquals("reopened", read(Webhooks.load("pull_request-reopened")).action());
    }

    @Test
    void marksBotsAmongAuthorsAndSenders() {
        PullRequestEvent e = read(Webhooks.pullRequest("labeled")
                .author("dependabot[bot]", 49699333, "Bot", "NONE")
                .sender("miss-islington", 31488909, "User").json());
        assertTrue(e.pullRequest().authorIsBot());
        assertTrue(e.senderIsBot());
    }

    @Test
    void anUnservedRepositoryIsNotReadFurther() {
        ObjectNode json = Webhooks.load("pull_request-opened");
        ((ObjectNode) json.get("pull_request")).remove("head");
        assertEquals(Optional.empty(), mapper.fromJson("d-1", json.toString().getBytes(StandardCharsets.UTF_8),
                r -> !r.equals("codertocat/hello-world")));
    }

    @Test
    void aPayloadWithoutWhatARunNeedsIsRefusedNamingTheField() {
        ObjectNode noHead = Webhooks.load("pull_request-opened");
        ((ObjectNode) noHead.get("pull_request")).remove("head");
        var e = assertThrows(IllegalArgumentException.class, () -> read(noHead));
        assertEquals("pull_request.head.sha is missing", e.getMessage());
        ObjectNode noDiff = Webhooks.load("pull_request-opened");
        ((ObjectNode) noDiff.get("pull_request")).remove("diff_url");
        assertThrows(IllegalArgumentException.class, () -> read(noDiff));
        ObjectNode badUser = Webhooks.load("pull_request-opened");
        ((ObjectNode) badUser.get("pull_request").get("user")).put("id", "abc");
        assertThrows(IllegalArgumentException.class, () -> read(badUser));
        assertThrows(IllegalArgumentException.class, () -> mapper.fromJson("d", "not json".getBytes(
                StandardCharsets.UTF_8), r -> true));
        assertThrows(IllegalArgumentException.class, () -> mapper.fromJson("d", "[]".getBytes(
                StandardCharsets.UTF_8), r -> true));
    }
}
