package dev.ascent.ledger.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Timestamp;
import dev.ascent.ledger.messaging.ContributionConsumer;
import dev.ascent.proto.Times;
import dev.ascent.proto.api.v1.GetContributorRequest;
import dev.ascent.proto.api.v1.GetLeaderboardRequest;
import dev.ascent.proto.api.v1.GetLeaderboardResponse;
import dev.ascent.proto.api.v1.LeaderboardRow;
import dev.ascent.proto.api.v1.LedgerEntry;
import dev.ascent.proto.api.v1.ListLedgerRequest;
import dev.ascent.proto.api.v1.ListLedgerResponse;
import dev.ascent.proto.api.v1.Period;
import dev.ascent.proto.events.v1.ContributionRecorded;
import dev.ascent.proto.events.v1.GithubUser;
import dev.ascent.proto.events.v1.Target;
import dev.ascent.proto.ledger.v1.CohortMember;
import dev.ascent.proto.ledger.v1.GetCohortStandingsRequest;
import dev.ascent.proto.ledger.v1.GetCohortStandingsResponse;
import dev.ascent.proto.ledger.v1.GetHomeRequest;
import dev.ascent.proto.ledger.v1.GetHomeResponse;
import dev.ascent.proto.ledger.v1.GetProfileRequest;
import dev.ascent.proto.ledger.v1.GetProfileResponse;
import dev.ascent.proto.ledger.v1.GetRulesetRequest;
import dev.ascent.proto.ledger.v1.GetRulesetResponse;
import dev.ascent.proto.ledger.v1.LedgerQueryServiceGrpc;
import dev.ascent.proto.ledger.v1.Milestone;
import dev.ascent.proto.ledger.v1.SetListingRequest;
import dev.ascent.proto.ledger.v1.SetListingResponse;
import dev.ascent.ruleset.Ruleset;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.Test;

/**
 * The ledger app on the in-memory connector and the MongoDB stand-in: a few contributions in through the consumer,
 * the portal's RPCs over real gRPC.
 */
@QuarkusTest
@WithTestResource(LedgerTestResource.class)
class LedgerQueryGrpcServiceTest {

    static final Duration DEADLINE = Duration.ofSeconds(20);
    /** A Monday. */
    static final Instant T = Instant.parse("2026-05-04T10:00:00Z");
    static final Timestamp AS_OF = Times.toTimestamp(T.plus(Duration.ofDays(1)));
    static final long ADA = 501, BOB = 502, CY = 503;

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    @GrpcClient("ledger")
    LedgerQueryServiceGrpc.LedgerQueryServiceBlockingStub ledger;

    static ContributionRecorded contribution(String kind, long who, String login, long pr, String suffix,
            String credit, Instant at) {
        return ContributionRecorded.newBuilder()
                .setEventId(kind + ":python/cpython#" + pr + ":" + who + suffix)
                .setKind(kind)
                .setContributor(GithubUser.newBuilder().setId(who).setLogin(login))
                .setOccurredAt(Times.toTimestamp(at))
                .setTarget(Target.newBuilder().setRepository("python/cpython").setNumber(pr)
                        .setAuthor(GithubUser.newBuilder().setId(who).setLogin(login)))
                .setUrl("https://github.com/python/cpython/pull/" + pr)
                .setCredit(credit)
                .build();
    }

    /** Hands a batch to the consumer and waits until it was stored and folded (the batch is acknowledged). */
    void fold(List<ContributionRecorded> batch) throws Exception {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            ContributionRecorded c = batch.get(i);
            records.add(new ConsumerRecord<>("contributions.v1", 0, i, Long.toString(c.getContributor().getId()),
                    c.toByteArray()));
        }
        ConsumerRecords<String, byte[]> payload = new ConsumerRecords<>(
                Map.of(new TopicPartition("contributions.v1", 0), records), Map.of());
        CompletableFuture<Void> acked = new CompletableFuture<>();
        connector.<Message<ConsumerRecords<String, byte[]>>>source(ContributionConsumer.CHANNEL)
                .send(Message.of(payload, Metadata.empty(), () -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                }, e -> {
                    acked.completeExceptionally(e);
                    return CompletableFuture.completedFuture(null);
                }));
        acked.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    }

    static List<String> logins(GetLeaderboardResponse board) {
        return board.getRowsList().stream().map(LeaderboardRow::getLogin).toList();
    }

    GetLeaderboardResponse allTime() {
        return ledger.getLeaderboard(GetLeaderboardRequest.newBuilder().setPeriod(Period.PERIOD_ALL_TIME)
                .setAsOf(AS_OF).build());
    }

    @Test
    void thePortalPagesAreAnsweredFromTheFold() throws Exception {
        fold(List.of(
                contribution("pr.merged", ADA, "ada", 1, "", "author", T), // 20 + 25 first merge
                contribution("issue.commented", BOB, "bob", 2, ":c1", "", T.plus(Duration.ofHours(1))), // 1
                contribution("pr.opened", BOB, "bob", 3, "", "", T.plus(Duration.ofHours(2))), // 2
                contribution("pr.merged", CY, "cy", 4, "", "author", T.plus(Duration.ofHours(3))))); // 45

        GetProfileResponse profile = ledger.getProfile(GetProfileRequest.newBuilder().setLogin("ADA").setAsOf(AS_OF)
                .setPageSize(1).setWeeks(3).build());
        assertEquals("ada", profile.getContributor().getLogin());
        assertEquals(45, profile.getContributor().getPoints());
        assertEquals(3, profile.getContributor().getLevel());
        assertFalse(profile.getHidden());
        assertEquals(3, profile.getWeeksCount());
        assertEquals(Times.toTimestamp(Instant.parse("2026-05-04T00:00:00Z")), profile.getWeeks(2).getWeekStart());
        assertEquals(List.of(0L, 0L, 45L), profile.getWeeksList().stream().map(w -> w.getPoints()).toList());
        assertEquals(45, profile.getWeeks(2).getTotal());
        assertEquals(2, profile.getLedger().getTotalEntries());
        assertEquals(List.of("pr.merged:python/cpython#1:501+first-merge"),
                profile.getLedger().getEntriesList().stream().map(LedgerEntry::getEntryId).toList());
        ListLedgerResponse next = ledger.listLedger(ListLedgerRequest.newBuilder().setLogin("ada").setPageSize(1)
                .setPageToken(profile.getLedger().getNextPageToken()).build());
        assertEquals(List.of("pr.merged:python/cpython#1:501"),
                next.getEntriesList().stream().map(LedgerEntry::getEntryId).toList());
        assertEquals("", next.getNextPageToken());
        assertEquals(52, ledger.getProfile(GetProfileRequest.newBuilder().setLogin("ada").build()).getWeeksCount());

        assertEquals(List.of("ada", "cy", "bob"), logins(allTime()));
        SetListingResponse hidden = ledger.setListing(SetListingRequest.newBuilder().setLogin("CY").setHidden(true)
                .build());
        assertEquals(CY, hidden.getGithubId());
        assertEquals("cy", hidden.getLogin());
        assertTrue(hidden.getHidden());
        assertEquals(List.of("ada", "bob"), logins(allTime()));
        assertEquals(List.of(1, 2), allTime().getRowsList().stream().map(LeaderboardRow::getRank).toList());
        assertTrue(ledger.getProfile(GetProfileRequest.newBuilder().setLogin("cy").setAsOf(AS_OF).build())
                .getHidden());
        assertEquals(45, ledger.getStanding(GetContributorRequest.newBuilder().setLogin("cy").setAsOf(AS_OF).build())
                .getContributor().getPoints(), "their own standing still answers");

        GetHomeResponse home = ledger.getHome(GetHomeRequest.newBuilder().setAsOf(AS_OF).setLeaderboardLimit(5)
                .setRecentLimit(4).build());
        assertEquals(List.of(Period.PERIOD_WEEK, Period.PERIOD_MONTH, Period.PERIOD_YEAR, Period.PERIOD_ALL_TIME),
                home.getLeaderboardsList().stream().map(GetLeaderboardResponse::getPeriod).toList());
        home.getLeaderboardsList().forEach(b -> assertEquals(List.of("ada", "bob"), logins(b)));
        assertEquals(List.of("bob first-steps", "ada first-merge", "ada first-steps", "ada 3"),
                home.getRecentList().stream().map(LedgerQueryGrpcServiceTest::describe).toList());
        assertEquals(3, home.getPeople());
        assertEquals("v1", home.getRulesetVersion());

        GetCohortStandingsResponse cohort = ledger.getCohortStandings(GetCohortStandingsRequest.newBuilder()
                .addAllLogins(List.of("ada", "BOB", "cy", "zed", "Ada"))
                .setFrom(Times.toTimestamp(T.plus(Duration.ofMinutes(90)))).setAsOf(AS_OF).build());
        assertEquals(List.of("bob 2 3 newcomer", "ada 0 45 contributor"), cohort.getMembersList().stream()
                .map(m -> m.getLogin() + " " + m.getPointsInPeriod() + " " + m.getTotalPoints() + " " + m.getRole())
                .toList());
        assertEquals(List.of("zed"), cohort.getUnknownLoginsList());
        assertEquals(1, cohort.getHiddenMembers());
        assertEquals(2, cohort.getPointsInPeriod());
        assertEquals(48, cohort.getTotalPoints());
        assertEquals(3, cohort.getMembersList().stream().filter(m -> m.getLogin().equals("ada")).findFirst()
                .map(CohortMember::getLevel).orElseThrow());

        ledger.setListing(SetListingRequest.newBuilder().setLogin("cy").setHidden(false).build());
        assertEquals(List.of("ada", "cy", "bob"), logins(allTime()));

        GetRulesetResponse rules = ledger.getRuleset(GetRulesetRequest.getDefaultInstance());
        assertEquals("v1", rules.getVersion());
        assertEquals(shippedRuleset(), rules.getSource());
    }

    static String describe(Milestone m) {
        return m.getLogin() + " " + (m.getBadgeId().isEmpty() ? Integer.toString(m.getLevel()) : m.getBadgeId());
    }

    static String shippedRuleset() throws IOException {
        try (InputStream in = Ruleset.class.getResourceAsStream(Ruleset.DEFAULT_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static void refused(Status.Code code, Executable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::execute);
        assertEquals(code, e.getStatus().getCode(), e.getStatus().getDescription());
    }

    /** A call that cannot fail with a checked exception. */
    interface Executable {
        void execute();
    }

    @Test
    void refusalsCarryTheirStatus() {
        refused(Status.Code.INVALID_ARGUMENT, () -> ledger.getProfile(GetProfileRequest.newBuilder().setLogin("ada")
                .setWeeks(521).build()));
        refused(Status.Code.INVALID_ARGUMENT, () -> ledger.getProfile(GetProfileRequest.newBuilder().setLogin("ada")
                .setPageSize(501).build()));
        refused(Status.Code.INVALID_ARGUMENT, () -> ledger.getProfile(GetProfileRequest.newBuilder().setLogin("ada")
                .setPageToken("%%%").build()));
        refused(Status.Code.INVALID_ARGUMENT, () -> ledger.getProfile(GetProfileRequest.newBuilder().build()));
        refused(Status.Code.NOT_FOUND, () -> ledger.getProfile(GetProfileRequest.newBuilder().setLogin("nobody-here")
                .build()));
        refused(Status.Code.INVALID_ARGUMENT, () -> ledger.getHome(GetHomeRequest.newBuilder().setRecentLimit(501)
                .build()));
        refused(Status.Code.INVALID_ARGUMENT, () -> ledger.getHome(GetHomeRequest.newBuilder()
                .setLeaderboardLimit(-1).build()));
        refused(Status.Code.INVALID_ARGUMENT, () -> ledger.getCohortStandings(GetCohortStandingsRequest.newBuilder()
                .addAllLogins(Collections.nCopies(5001, "ada")).build()));
        refused(Status.Code.INVALID_ARGUMENT, () -> ledger.getCohortStandings(GetCohortStandingsRequest.newBuilder()
                .setFrom(Times.toTimestamp(T)).setTo(Times.toTimestamp(T.minusSeconds(1))).build()));
        refused(Status.Code.NOT_FOUND, () -> ledger.setListing(SetListingRequest.newBuilder().setLogin("nobody-here")
                .setHidden(true).build()));
        refused(Status.Code.INVALID_ARGUMENT, () -> ledger.setListing(SetListingRequest.getDefaultInstance()));
    }
}
