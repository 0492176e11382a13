package dev.ascent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ascent.devstack.AscentSystem;
import dev.ascent.devstack.Infra;
import dev.ascent.devstack.TopicReader;
import dev.ascent.gateway.webhook.WebhookSignature;
import dev.ascent.proto.api.v1.Contributor;
import dev.ascent.proto.api.v1.ContributorServiceGrpc;
import dev.ascent.proto.api.v1.GetContributorRequest;
import dev.ascent.proto.api.v1.AdminServiceGrpc;
import dev.ascent.proto.api.v1.GetLeaderboardRequest;
import dev.ascent.proto.api.v1.LedgerEntry;
import dev.ascent.proto.api.v1.ListLedgerRequest;
import dev.ascent.proto.api.v1.Period;
import dev.ascent.proto.ingest.v1.ListPendingCoAuthorsRequest;
import dev.ascent.proto.ingest.v1.PendingCoAuthor;
import dev.ascent.proto.ingest.v1.ResolvePendingCoAuthorRequest;
import dev.ascent.proto.ingest.v1.UnlinkEmailRequest;
import dev.ascent.proto.ledger.v1.ActivateRulesetRequest;
import dev.ascent.proto.ledger.v1.GetStatsRequest;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole system as real processes on a real Kafka broker: real GitHub payloads posted to the gateway with valid
 * signatures become points, a level and a role that the public gRPC API serves as RULES.md gives them.
 */
class SystemIT {

    static final String SECRET = "integration-test-secret";
    static final Duration DEADLINE = Duration.ofSeconds(90);
    static final long CODERTOCAT = 21031067;

    static AscentSystem system;
    static ManagedChannel channel;
    static ContributorServiceGrpc.ContributorServiceBlockingStub api;
    static WebhookExamples examples;
    static final WebhookSignature SIGNER = new WebhookSignature(SECRET);

    @BeforeAll
    static void startSystem() throws IOException {
        examples = WebhookExamples.load();
        Path data = Files.createTempDirectory("ascent-it");
        system = AscentSystem.start(data, Infra.Ports.free(), AscentSystem.ServicePorts.free(), SECRET);
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", system.ports().gatewayGrpc()).usePlaintext().build();
        api = ContributorServiceGrpc.newBlockingStub(channel);
    }

    @AfterAll
    static void stopSystem() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (system != null) {
            system.close();
        }
    }

    @Test
    void realWebhooksBecomePointsLevelAndRole() throws Exception {
        List<WebhookExamples.Delivery> hooks = examples.firstSteps();
        for (WebhookExamples.Delivery hook : hooks) {
            byte[] body = WebhookExamples.JSON.writeValueAsBytes(hook.body());
            String delivery = UUID.randomUUID().toString();
            assertEquals(202, post(hook.event(), delivery, body, SIGNER.sign(body)).statusCode());
            // the same delivery again is taken once; a redelivery under a new id is the same fact
            assertEquals(200, post(hook.event(), delivery, body, SIGNER.sign(body)).statusCode());
            assertEquals(202, post(hook.event(), UUID.randomUUID().toString(), body, SIGNER.sign(body)).statusCode());
        }

        // Codertocat: issue opened 2, one comment 1, PR opened 2, PR merged 20 + first-merge bonus 25 = 50.
        Contributor coder = awaitContributor("codertocat", c -> c.getPoints() == 50 && c.getEntries() == 5);
        assertEquals(CODERTOCAT, coder.getGithubId());
        assertEquals(3, coder.getLevel());
        assertEquals(75, coder.getNextLevelPoints());
        assertEquals("contributor", coder.getRole());
        assertEquals("v1", coder.getRulesetVersion());
        // octocat: a commented review 2 + newcomer-review bonus 4 (the PR's author had no merge yet) + the merge of
        // someone else's PR 4 = 10.
        Contributor octo = awaitContributor("octocat", c -> c.getPoints() == 10 && c.getEntries() == 3);
        assertEquals(2, octo.getLevel());
        assertEquals("newcomer", octo.getRole());
    }

    @Test
    void badSignatureIsRefusedAndNeverReachesKafka() throws Exception {
        byte[] body = WebhookExamples.JSON.writeValueAsBytes(examples.first("issues", "opened", e -> true));
        String forged = UUID.randomUUID().toString();
        HttpResponse<String> r = post("issues", forged, body, new WebhookSignature("not-the-secret").sign(body));
        assertEquals(401, r.statusCode());
        assertTrue(r.body().contains("does not match"), r.body());
        String unsigned = UUID.randomUUID().toString();
        assertEquals(401, post("issues", unsigned, body, null).statusCode());
        String good = UUID.randomUUID().toString();
        assertEquals(202, post("issues", good, body, SIGNER.sign(body)).statusCode());

        Set<String> onKafka = deliveriesOnKafka();
        assertTrue(onKafka.contains(good), "the accepted delivery is on github.webhooks.v1");
        assertFalse(onKafka.contains(forged));
        assertFalse(onKafka.contains(unsigned));
    }

    @Test
    void malformedInputGetsAClearAnswer() throws Exception {
        byte[] notJson = "{\"action\": \"opened\",".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = post("issues", UUID.randomUUID().toString(), notJson, SIGNER.sign(notJson));
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("body is not JSON"), r.body());
        byte[] ping = WebhookExamples.JSON.writeValueAsBytes(examples.first("ping", null, e -> true));
        assertEquals(200, post("ping", UUID.randomUUID().toString(), ping, SIGNER.sign(ping)).statusCode());
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> api.getContributor(GetContributorRequest.newBuilder().setLogin("nobody-has-this-login").build()));
        assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
    }

    @Test
    void servicesKilledMidStreamLoseAndDoubleNothing() throws Exception {
        // Derived from a real issue_comment: a new commenter writes one comment a day for 40 days.
        int total = 40;
        List<byte[]> bodies = new ArrayList<>();
        for (WebhookExamples.Delivery d : examples.dailyComments("restart-tester", 77_000_001L, total,
                Instant.parse("2020-01-01T12:00:00Z"), 900_000_000L)) {
            bodies.add(WebhookExamples.JSON.writeValueAsBytes(d.body()));
        }
        for (int i = 0; i < total; i++) {
            if (i == 15) {
                system.killService("ingest");
                system.killService("ledger");
            }
            if (i == 25) {
                system.startService("ledger");
                system.startService("ingest");
            }
            byte[] body = bodies.get(i);
            assertEquals(202, post("issue_comment", UUID.randomUUID().toString(), body, SIGNER.sign(body)).statusCode());
            if (i % 3 == 0) { // some redelivered by GitHub under a new delivery id
                assertEquals(202, post("issue_comment", UUID.randomUUID().toString(), body, SIGNER.sign(body)).statusCode());
            }
        }
        Contributor c = awaitContributor("restart-tester", x -> x.getEntries() >= total);
        assertEquals(total, c.getEntries(), "nothing doubled");
        assertEquals(total, c.getPoints(), "one point per comment, one comment a day");
    }

    @Test
    void triageTeamsAndCoAuthorsFromRealWebhooksAndAdminIdentityLinks() throws Exception {
        ObjectNode triager = user("triage-tester", 7_000_001);
        ObjectNode member = user("team-tester", 7_000_002);
        ObjectNode pusher = user("push-author", 7_000_003);
        ObjectNode pat = user("pat-tester", 7_000_004);
        // each says something first, so the people directory knows them and each has a ledger
        long commentId = 990_000_001;
        for (ObjectNode who : List.of(triager, member, pusher, pat)) {
            ObjectNode comment = examples.first("issue_comment", "created", e -> true);
            ObjectNode c = (ObjectNode) comment.get("comment");
            c.set("user", who);
            c.put("id", commentId++);
            comment.set("sender", who);
            postSigned("issue_comment", comment);
            awaitContributor(who.get("login").asText(), x -> x.getPoints() == 1);
        }

        // a triage label put on someone else's issue: +3
        ObjectNode labeled = examples.first("issues", "labeled", e -> e.has("label"));
        ((ObjectNode) labeled.get("label")).put("name", "type-bug");
        labeled.set("sender", triager);
        postSigned("issues", labeled);
        Contributor t = awaitContributor("triage-tester", x -> x.getPoints() == 4);
        assertTrue(t.getBadgesList().stream().anyMatch(b -> b.getId().equals("first-triage")), t.toString());

        // added to the triage team: the triager role, held through membership
        ObjectNode added = examples.first("membership", "added", e -> true);
        added.set("member", member);
        ((ObjectNode) added.get("team")).put("slug", "triage").put("name", "Triage");
        postSigned("membership", added);
        Contributor m = awaitContributor("team-tester", x -> x.getRole().equals("triager"));
        assertEquals(1, m.getTeamsCount());
        assertTrue(m.getTeams(0).endsWith("/triage"), m.getTeams(0));

        // a squash-merge commit on the default branch naming PR #4242, with a co-author no evidence resolves
        ObjectNode push = examples.first("push", null, e -> e.path("ref").asText().startsWith("refs/heads/")
                && e.path("commits").size() > 0);
        ObjectNode commit = (ObjectNode) push.get("commits").get(0);
        commit.put("message", "Add the greeting (#4242)\n\nCo-authored-by: Pat Example <pat.example@example.org>");
        ObjectNode author = (ObjectNode) commit.get("author");
        author.put("name", "Push Author").put("email", "push-author@example.org").put("username", "push-author");
        push.set("sender", pusher);
        push.put("ref", "refs/heads/" + push.path("repository").path("default_branch").asText());
        postSigned("push", push);
        // merged PR as author 20 + first-merge bonus 25
        assertEquals("contributor", awaitContributor("push-author", x -> x.getPoints() == 46).getRole());

        // the admin API: refused without an admin's token
        var anonymous = AdminServiceGrpc.newBlockingStub(channel);
        assertEquals(Status.Code.UNAUTHENTICATED, assertThrows(StatusRuntimeException.class,
                () -> anonymous.getLedgerStats(GetStatsRequest.getDefaultInstance())).getStatus().getCode());
        assertEquals(Status.Code.UNAUTHENTICATED, assertThrows(StatusRuntimeException.class,
                () -> admin("not-a-token").getLedgerStats(GetStatsRequest.getDefaultInstance())).getStatus().getCode());
        var admin = admin(AscentSystem.LOCAL_ADMIN_TOKEN);
        assertEquals("v1", admin.getLedgerStats(GetStatsRequest.getDefaultInstance()).getRulesetVersion());
        assertEquals(Status.Code.NOT_FOUND, assertThrows(StatusRuntimeException.class, () -> admin.activateRuleset(
                ActivateRulesetRequest.newBuilder().setVersion("v9").build())).getStatus().getCode());

        // the leaderboard of all time ranks by points; the ledger pages newest first with a reason on every line
        var board = api.getLeaderboard(GetLeaderboardRequest.newBuilder().setPeriod(Period.PERIOD_ALL_TIME)
                .setLimit(500).build());
        var row = board.getRowsList().stream().filter(r -> r.getLogin().equals("push-author")).findFirst().orElseThrow();
        assertEquals(46, row.getPoints());
        assertEquals(Status.Code.INVALID_ARGUMENT, assertThrows(StatusRuntimeException.class,
                () -> api.getLeaderboard(GetLeaderboardRequest.getDefaultInstance())).getStatus().getCode());
        var page = api.listLedger(ListLedgerRequest.newBuilder().setLogin("push-author").setPageSize(2).build());
        assertEquals(3, page.getTotalEntries());
        var rest = api.listLedger(ListLedgerRequest.newBuilder().setLogin("push-author").setPageSize(2)
                .setPageToken(page.getNextPageToken()).build());
        assertTrue(rest.getNextPageToken().isEmpty());
        List<LedgerEntry> lines = new ArrayList<>(page.getEntriesList());
        lines.addAll(rest.getEntriesList());
        assertEquals(Set.of("issue.commented", "pr.merged.author", "bonus.first-merge"),
                Set.copyOf(lines.stream().map(LedgerEntry::getRuleId).toList()));
        for (int i = 1; i < lines.size(); i++) {
            assertTrue(lines.get(i - 1).getOccurredAt().getSeconds() >= lines.get(i).getOccurredAt().getSeconds(),
                    "newest first: " + lines);
        }
        LedgerEntry merge = lines.stream().filter(l -> l.getRuleId().equals("pr.merged.author")).findFirst().orElseThrow();
        assertEquals("pr.merged:codertocat/hello-world#4242:7000003", merge.getEventId());
        assertEquals("v1", merge.getRulesetVersion());
        assertFalse(merge.getSentence().isBlank());

        // the unresolved co-author waits for an admin; resolving credits the past merge: 10 + first-merge 25
        PendingCoAuthor pending = awaitPending(admin, "pat.example@example.org");
        assertEquals(4242, pending.getNumber());
        admin.resolvePendingCoAuthor(ResolvePendingCoAuthorRequest.newBuilder()
                .setPendingId(pending.getId()).setGithubId(7_000_004).build());
        assertEquals("contributor", awaitContributor("pat-tester", x -> x.getPoints() == 36).getRole());
        // undoing the link moves the event back: pat is where they were, the credit pending again
        admin.unlinkEmail(UnlinkEmailRequest.newBuilder().setEmail("pat.example@example.org").build());
        assertEquals("newcomer", awaitContributor("pat-tester", x -> x.getPoints() == 1).getRole());
        awaitPending(admin, "pat.example@example.org");
    }

    static ObjectNode user(String login, long id) {
        ObjectNode u = WebhookExamples.JSON.createObjectNode();
        u.put("login", login).put("id", id).put("type", "User")
                .put("html_url", "https://github.com/" + login);
        return u;
    }

    static void postSigned(String event, ObjectNode hook) throws Exception {
        byte[] body = WebhookExamples.JSON.writeValueAsBytes(hook);
        assertEquals(202, post(event, UUID.randomUUID().toString(), body, SIGNER.sign(body)).statusCode());
    }

    static AdminServiceGrpc.AdminServiceBlockingStub admin(String token) {
        Metadata md = new Metadata();
        md.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return AdminServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(md));
    }

    static PendingCoAuthor awaitPending(AdminServiceGrpc.AdminServiceBlockingStub admin, String email) {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (Instant.now().isBefore(deadline)) {
            for (PendingCoAuthor p : admin.listPendingCoAuthors(ListPendingCoAuthorsRequest.newBuilder()
                    .setPageSize(500).build()).getPendingList()) {
                if (p.getEmail().equals(email)) {
                    return p;
                }
            }
            pause();
        }
        throw new AssertionError(email + " did not appear among the pending co-authors within " + DEADLINE);
    }

    static HttpResponse<String> post(String event, String delivery, byte[] body, String signature) throws Exception {
        return Polling.postWebhook(system.gatewayUrl(), event, delivery, body, signature);
    }

    /** Polls the public API until the contributor satisfies the condition, or fails with the last answer. */
    static Contributor awaitContributor(String login, java.util.function.Predicate<Contributor> done) {
        Instant deadline = Instant.now().plus(DEADLINE);
        String last = "never found";
        while (Instant.now().isBefore(deadline)) {
            try {
                Contributor c = api.getContributor(GetContributorRequest.newBuilder().setLogin(login).build()).getContributor();
                if (done.test(c)) {
                    return c;
                }
                last = c.toString().replace('\n', ' ');
            } catch (StatusRuntimeException e) {
                last = e.getStatus().toString();
            }
            pause();
        }
        throw new AssertionError(login + " did not reach the expected standing within " + DEADLINE + "; last: " + last);
    }

    /** The ce_id of every record on github.webhooks.v1, read to the end. */
    static Set<String> deliveriesOnKafka() {
        Set<String> ids = new HashSet<>();
        for (ConsumerRecord<String, byte[]> r : TopicReader.readAll(system.infra().kafkaBootstrapServers(),
                "github.webhooks.v1", DEADLINE)) {
            Header h = r.headers().lastHeader("ce_id");
            if (h != null) {
                ids.add(new String(h.value(), StandardCharsets.UTF_8));
            }
        }
        return ids;
    }

    static void pause() {
        Polling.pause();
    }
}
