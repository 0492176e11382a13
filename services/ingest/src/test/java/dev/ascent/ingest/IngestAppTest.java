package dev.ascent.ingest;

import static dev.ascent.ingest.Webhooks.commit;
import static dev.ascent.ingest.Webhooks.load;
import static dev.ascent.ingest.Webhooks.push;
import static dev.ascent.ingest.Webhooks.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.ascent.ingest.messaging.ContributionPublisher;
import dev.ascent.ingest.messaging.WebhookReceivedConsumer;
import dev.ascent.proto.events.v1.ContributionRecorded;
import dev.ascent.proto.events.v1.GithubUser;
import dev.ascent.proto.ingest.v1.ClearFlagRequest;
import dev.ascent.proto.ingest.v1.ClearFlagResponse;
import dev.ascent.proto.ingest.v1.EmailSource;
import dev.ascent.proto.ingest.v1.GetPersonRequest;
import dev.ascent.proto.ingest.v1.IdentityServiceGrpc;
import dev.ascent.proto.ingest.v1.LinkEmailRequest;
import dev.ascent.proto.ingest.v1.LinkEmailResponse;
import dev.ascent.proto.ingest.v1.ListPendingCoAuthorsRequest;
import dev.ascent.proto.ingest.v1.ListPendingCoAuthorsResponse;
import dev.ascent.proto.ingest.v1.PendingCoAuthor;
import dev.ascent.proto.ingest.v1.ResolvePendingCoAuthorRequest;
import dev.ascent.proto.ingest.v1.ResolvePendingCoAuthorResponse;
import dev.ascent.proto.ingest.v1.UnlinkEmailRequest;
import dev.ascent.proto.ingest.v1.UnlinkEmailResponse;
import io.grpc.Status;
import io.micrometer.core.instrument.MeterRegistry;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ingest app on the in-memory connector and the MongoDB stand-in: webhooks in, contributions out with their
 * Kafka keys and CloudEvents headers, and the identity API over real gRPC. Each test uses people and repositories of
 * its own: the app and its database are shared by the class.
 */
@QuarkusTest
@WithTestResource(IngestTestResource.class)
class IngestAppTest {

    static final Duration DEADLINE = Duration.ofSeconds(20);
    static final GithubUser ADMIN = GithubUser.newBuilder().setId(99).setLogin("root").build();
    static final AtomicLong OFFSETS = new AtomicLong();

    @Inject
    MeterRegistry metrics;

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    @GrpcClient("identity")
    IdentityServiceGrpc.IdentityServiceBlockingStub identity;

    InMemorySink<byte[]> contributions;

    @BeforeEach
    void clearSink() {
        contributions = connector.sink(ContributionPublisher.CONTRIBUTIONS);
        contributions.clear();
    }

    /** What became of a delivery: acknowledged, or refused with the reason. */
    record Delivery(CompletableFuture<Void> acked, CompletableFuture<Throwable> nacked) {

        /** Waits until the delivery was settled; true when acknowledged. */
        boolean settled() throws Exception {
            return CompletableFuture.anyOf(acked, nacked).thenApply(x -> acked.isDone())
                    .get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        }
    }

    Delivery deliver(String event, byte[] body) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("github.webhooks.v1", 0,
                OFFSETS.incrementAndGet(), "key", body);
        record.headers().add("ce_id", ("delivery-" + OFFSETS.get()).getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_type", ("com.github." + event).getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_time", Webhooks.RECEIVED.toString().getBytes(StandardCharsets.UTF_8));
        Delivery d = new Delivery(new CompletableFuture<>(), new CompletableFuture<>());
        Message<byte[]> message = Message.of(body, Metadata.of(new IncomingKafkaRecordMetadata<>(record,
                WebhookReceivedConsumer.WEBHOOKS)), () -> {
                    d.acked().complete(null);
                    return CompletableFuture.completedFuture(null);
                }, e -> {
                    d.nacked().complete(e);
                    return CompletableFuture.completedFuture(null);
                });
        connector.<Message<byte[]>>source(WebhookReceivedConsumer.WEBHOOKS).send(message);
        return d;
    }

    Delivery deliver(String event, ObjectNode body) {
        return deliver(event, body.toString().getBytes(StandardCharsets.UTF_8));
    }

    List<? extends Message<byte[]>> published() {
        return contributions.received();
    }

    static ContributionRecorded parse(Message<byte[]> m) {
        try {
            return ContributionRecorded.parseFrom(m.getPayload());
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    Message<byte[]> publishedOf(String eventId) {
        return published().stream().filter(m -> parse(m).getEventId().equals(eventId)).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError(eventId + " not published; published: "
                        + published().stream().map(m -> parse(m).getEventId()).toList()));
    }

    static String key(Message<byte[]> m) {
        return (String) m.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow().getKey();
    }

    @Test
    void aWebhookIsAcknowledgedOnlyAfterItsContributionsWerePublished() throws Exception {
        ObjectNode labeled = load("issues-labeled");
        ((ObjectNode) labeled.get("label")).put("name", "type-bug");
        labeled.set("sender", user("triager", 1001));
        assertTrue(deliver("issues", labeled).settled());
        Message<byte[]> m = publishedOf("issue.triaged:codertocat/hello-world#1:1001");
        assertEquals("1001", key(m), "keyed by the contributor");
        OutgoingCloudEventMetadata<?> ce = m.getMetadata(OutgoingCloudEventMetadata.class).orElseThrow();
        assertEquals("issue.triaged:codertocat/hello-world#1:1001", ce.getId());
        assertEquals(ContributionPublisher.CONTRIBUTION_TYPE, ce.getType());
        assertEquals("issue.triaged", ce.getSubject().orElseThrow());
    }

    @Test
    void aRevertIsKeyedByItsActor() throws Exception {
        ObjectNode hook = load("pull_request-closed");
        ObjectNode pr = (ObjectNode) hook.get("pull_request");
        pr.put("merged", true).put("merged_at", "2026-01-02T03:04:05Z").put("body", "Reverts python/cpython#77");
        pr.set("user", user("reverter", 1002));
        assertTrue(deliver("pull_request", hook).settled());
        Message<byte[]> m = publishedOf("pr.reverted:python/cpython#77");
        assertEquals("1002", key(m));
        assertFalse(parse(m).hasContributor());
    }

    @Test
    void aBotsContributionIsSkippedAndCounted() throws Exception {
        double before = metrics.get("ascent.ingest.bot.contributions.skipped").counter().count();
        ObjectNode opened = load("issues-opened");
        ObjectNode bot = user("dependabot[bot]", 49_699_333).put("type", "Bot");
        ((ObjectNode) opened.get("issue")).set("user", bot);
        opened.set("sender", bot);
        assertTrue(deliver("issues", opened).settled());
        assertTrue(published().isEmpty(), "a bot is never credited");
        assertEquals(before + 1, metrics.get("ascent.ingest.bot.contributions.skipped").counter().count());
    }

    @Test
    void malformedWebhooksAreRefusedWithTheReasonAndOthersIgnored() throws Exception {
        Delivery bad = deliver("issues", "{oops".getBytes(StandardCharsets.UTF_8));
        assertFalse(bad.settled());
        assertTrue(bad.nacked().get().getMessage().startsWith("body is not JSON"), bad.nacked().get().getMessage());
        ObjectNode noIssue = load("issues-opened");
        noIssue.remove("issue");
        Delivery lacking = deliver("issues", noIssue);
        assertFalse(lacking.settled());
        assertEquals("payload lacks issue", lacking.nacked().get().getMessage());
        assertTrue(deliver("star", load("issues-opened").put("action", "created")).settled());
        assertTrue(published().isEmpty());
    }

    @Test
    void aPendingCoAuthorIsLinkedAndUnlinkedThroughTheIdentityApi() throws Exception {
        ObjectNode seen = load("issues-opened");
        ((ObjectNode) seen.get("issue")).set("user", user("grace-app", 2001));
        assertTrue(deliver("issues", seen).settled());
        assertTrue(deliver("push", push("python/app", "refs/heads/master", commit("s1",
                "gh-1: Fix (#41)\n\nCo-authored-by: Grace <grace@app.example>", "2026-01-02T03:04:05Z", "Author",
                "author@app.example", null))).settled());

        ListPendingCoAuthorsResponse pending = identity.listPendingCoAuthors(
                ListPendingCoAuthorsRequest.newBuilder().setPageSize(500).build());
        PendingCoAuthor grace = pending.getPendingList().stream()
                .filter(p -> p.getEmail().equals("grace@app.example")).findFirst().orElseThrow();
        assertEquals("python/app#41:grace@app.example", grace.getId());
        assertEquals("co-author", grace.getCredit());
        assertEquals("https://github.com/python/app/pull/41", grace.getUrl());

        contributions.clear();
        ResolvePendingCoAuthorResponse resolved = identity.resolvePendingCoAuthor(ResolvePendingCoAuthorRequest
                .newBuilder().setPendingId(grace.getId()).setGithubId(2001).setAdmin(ADMIN).build());
        assertEquals(1, resolved.getContributionsPublished());
        assertEquals(2001, resolved.getLink().getPerson().getId());
        assertEquals("grace-app", resolved.getLink().getPerson().getLogin());
        Message<byte[]> credit = publishedOf("pr.merged:python/app#41:2001");
        ContributionRecorded c = parse(credit);
        assertEquals("co-author", c.getCredit());
        assertTrue(c.getRevision() > 0);
        assertEquals("2001", key(credit));
        assertEquals("pr.merged:python/app#41:2001/r" + c.getRevision(),
                credit.getMetadata(OutgoingCloudEventMetadata.class).orElseThrow().getId());

        contributions.clear();
        UnlinkEmailResponse unlink = identity.unlinkEmail(UnlinkEmailRequest.newBuilder()
                .setEmail("grace@app.example").setAdmin(ADMIN).build());
        assertEquals(1, unlink.getContributionsPublished());
        assertEquals(1, unlink.getPending());
        ContributionRecorded retraction = parse(publishedOf("pr.merged:python/app#41:2001"));
        assertTrue(retraction.getRetracted());
        assertTrue(retraction.getRevision() > c.getRevision());

        LinkEmailResponse again = identity.linkEmail(LinkEmailRequest.newBuilder().setEmail("grace@app.example")
                .setGithubId(2001).setAdmin(ADMIN).build());
        assertEquals(EmailSource.EMAIL_SOURCE_ADMIN_LINK, again.getLink().getSource());
        assertEquals(99, again.getLink().getLinkedBy().getId());
        assertEquals(1, again.getContributionsPublished());
    }

    @Test
    void refusalsCarryTheirStatusAndASentence() {
        StatusRuntimeException invalid = assertThrows(StatusRuntimeException.class, () -> identity.linkEmail(
                LinkEmailRequest.newBuilder().setEmail("nope").setGithubId(1).setAdmin(ADMIN).build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, invalid.getStatus().getCode());
        assertEquals("email nope is not an email address", invalid.getStatus().getDescription());
        StatusRuntimeException noAdmin = assertThrows(StatusRuntimeException.class, () -> identity.linkEmail(
                LinkEmailRequest.newBuilder().setEmail("a@b.example").setGithubId(1).build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, noAdmin.getStatus().getCode());
        StatusRuntimeException unknown = assertThrows(StatusRuntimeException.class, () -> identity.linkEmail(
                LinkEmailRequest.newBuilder().setEmail("a@b.example").setGithubId(404404).setAdmin(ADMIN).build()));
        assertEquals(Status.Code.NOT_FOUND, unknown.getStatus().getCode());
        StatusRuntimeException own = assertThrows(StatusRuntimeException.class, () -> identity.unlinkEmail(
                UnlinkEmailRequest.newBuilder().setEmail("5+someone@users.noreply.github.com").setAdmin(ADMIN).build()));
        assertEquals(Status.Code.FAILED_PRECONDITION, own.getStatus().getCode());
        assertTrue(own.getStatus().getDescription().contains("cannot be unlinked by an admin"));
        StatusRuntimeException token = assertThrows(StatusRuntimeException.class, () -> identity.listPendingCoAuthors(
                ListPendingCoAuthorsRequest.newBuilder().setPageToken("%%%").build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, token.getStatus().getCode());
        StatusRuntimeException none = assertThrows(StatusRuntimeException.class,
                () -> identity.getPerson(GetPersonRequest.getDefaultInstance()));
        assertEquals(Status.Code.INVALID_ARGUMENT, none.getStatus().getCode());
    }

    @Test
    void anAdminClearsAFlagAndThePersonIsLookedUpByAnyLoginSeen() throws Exception {
        ObjectNode seen = load("issues-opened");
        ((ObjectNode) seen.get("issue")).set("user", user("flagged-one", 3001));
        assertTrue(deliver("issues", seen).settled());
        ClearFlagResponse cleared = identity.clearFlag(ClearFlagRequest.newBuilder().setGithubId(3001)
                .setAdmin(ADMIN).build());
        assertTrue(cleared.getEventId().startsWith("flag.cleared:3001@"), cleared.getEventId());
        Message<byte[]> m = publishedOf(cleared.getEventId());
        assertEquals("3001", key(m));
        assertEquals(99, parse(m).getActor().getId());
        assertEquals(3001, identity.getPerson(GetPersonRequest.newBuilder().setLogin("FLAGGED-ONE").build())
                .getPerson().getGithubId());
    }
}
