package dev.ascent.it;

import com.google.protobuf.Timestamp;
import dev.ascent.devstack.AscentSystem;
import dev.ascent.devstack.ContributionPublisher;
import dev.ascent.devstack.Infra;
import dev.ascent.devstack.SyntheticHistory;
import dev.ascent.ledger.mapping.ContributionMapping;
import dev.ascent.ledger.rules.LedgerEngine;
import dev.ascent.ledger.rules.PersonLedger;
import dev.ascent.ledger.rules.Standings;
import dev.ascent.proto.api.v1.Contributor;
import dev.ascent.proto.api.v1.ContributorServiceGrpc;
import dev.ascent.proto.api.v1.GetContributorRequest;
import dev.ascent.proto.api.v1.LedgerEntry;
import dev.ascent.proto.api.v1.ListLedgerRequest;
import dev.ascent.proto.api.v1.ListLedgerResponse;
import dev.ascent.proto.events.v1.ContributionRecorded;
import dev.ascent.proto.ledger.v1.GetStatsRequest;
import dev.ascent.proto.ledger.v1.GetStatsResponse;
import dev.ascent.proto.ledger.v1.LedgerQueryServiceGrpc;
import dev.ascent.ruleset.Ruleset;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Determinism end to end (RULES.md "Facts, ids and time"): a synthetic history published on {@code contributions.v1}
 * shuffled, each record delivered one to three times (some copies claiming a later time), with the ledger killed and
 * restarted mid-stream, must give every person exactly what the same contributions folded in this process in sorted
 * order give: points, level, role, badges, streaks, the flagged state and every ledger line, read through the public
 * gRPC API on the gateway.
 */
class ShuffledDeliveryIT {

    static final long SEED = 20260713L;
    static final Duration DEADLINE = Duration.ofSeconds(180);
    /** One as-of inside the history (roles and windows as they stood then) and one after it. */
    static final List<Instant> AS_OF = List.of(Instant.parse("2025-01-15T12:00:00Z"),
            SyntheticHistory.END.plus(Duration.ofDays(10)));
    static final int PAGE_SIZE = 25;
    /** The ledger's consumer group on contributions.v1 (services/ledger application.properties). */
    static final String LEDGER_GROUP = "ledger";
    static final Ruleset RULES = Ruleset.loadDefault();

    static AscentSystem system;
    static ManagedChannel gatewayChannel;
    static ManagedChannel ledgerChannel;
    static ContributorServiceGrpc.ContributorServiceBlockingStub api;
    static LedgerQueryServiceGrpc.LedgerQueryServiceBlockingStub ledger;

    @BeforeAll
    static void startSystem() throws Exception {
        Path data = Files.createTempDirectory("ascent-it-shuffled");
        system = AscentSystem.start(data, Infra.Ports.free(), AscentSystem.ServicePorts.free(), "shuffled-delivery-secret");
        gatewayChannel = ManagedChannelBuilder.forAddress("127.0.0.1", system.ports().gatewayGrpc()).usePlaintext().build();
        ledgerChannel = ManagedChannelBuilder.forAddress("127.0.0.1", system.ports().ledgerGrpc()).usePlaintext().build();
        api = ContributorServiceGrpc.newBlockingStub(gatewayChannel);
        ledger = LedgerQueryServiceGrpc.newBlockingStub(ledgerChannel);
    }

    @AfterAll
    static void stopSystem() throws InterruptedException {
        for (ManagedChannel c : new ManagedChannel[] {gatewayChannel, ledgerChannel}) {
            if (c != null) {
                c.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
        if (system != null) {
            system.close();
        }
    }

    @Test
    void shuffledRedeliveredDeliveryWithALedgerRestartGivesTheLedgersOfTheSortedFold() throws Exception {
        SyntheticHistory history = SyntheticHistory.generate(new SyntheticHistory.Settings(SEED, 40, 3_000));
        Random random = new Random(SEED);
        List<ContributionRecorded> deliveries = deliveries(history, random);
        List<ContributionRecorded> canonical = history.canonical();
        assertEquals(canonical.stream().map(ShuffledDeliveryIT::idAndTime).toList(),
                SyntheticHistory.canonical(deliveries).stream().map(ShuffledDeliveryIT::idAndTime).toList(),
                "the copies that claim a later time change nothing: the earliest is kept");

        int killAt = deliveries.size() * 2 / 5;
        int restartAt = deliveries.size() * 7 / 10;
        try (ContributionPublisher publisher = new ContributionPublisher(system.infra().kafkaBootstrapServers())) {
            publisher.sendAll(deliveries.subList(0, killAt));
            publisher.flush();
            // Killed as soon as it has folded something: most likely before it committed the offsets, so the records
            // it had folded come again after the restart.
            awaitLedger("the ledger folding the first records", s -> s.getContributions() > 0);
            system.killService("ledger");
            publisher.sendAll(deliveries.subList(killAt, restartAt));
            publisher.flush();
            system.startService("ledger");
            publisher.sendAll(deliveries.subList(restartAt, deliveries.size()));
            publisher.flush();
        }
        awaitAllConsumed();
        GetStatsResponse stats = awaitLedger("every distinct event id stored",
                s -> s.getContributions() == canonical.size());

        LedgerEngine expected = new LedgerEngine(RULES);
        expected.add(canonical.stream().map(ContributionMapping::fromProto).toList());
        assertEquals(expected.people().size(), stats.getPeople(), "people with a ledger");
        assertEquals(expected.entryCount(), stats.getEntries(), "ledger lines over everyone");

        List<String> diffs = new ArrayList<>();
        List<PersonLedger> people = expected.ledgers().stream()
                .sorted(Comparator.comparingLong(PersonLedger::personId)).toList();
        for (PersonLedger person : people) {
            compare(person, diffs);
        }
        if (!diffs.isEmpty()) {
            fail(diffs.size() + " differences between the ledger served by the gateway and the sorted in-process fold of "
                    + canonical.size() + " contributions (" + deliveries.size() + " deliveries):\n  "
                    + String.join("\n  ", diffs.subList(0, Math.min(60, diffs.size())))
                    + (diffs.size() > 60 ? "\n  …" : ""));
        }
    }

    /**
     * Every record one to three times, in random order; a third of the extra copies say they happened up to three
     * days later than they did (not for facts whose id holds their time, which cannot be restated later).
     */
    static List<ContributionRecorded> deliveries(SyntheticHistory history, Random random) {
        List<ContributionRecorded> out = new ArrayList<>();
        int later = 0;
        for (ContributionRecorded e : history.events()) {
            out.add(e);
            for (int copy = 1, copies = 1 + random.nextInt(3); copy < copies; copy++) {
                ContributionRecorded.Builder b = e.toBuilder().setSourceDeliveryId("redelivery-" + copy);
                if (!SyntheticHistory.idHasTime(e.getKind()) && random.nextInt(3) == 0) {
                    b.setOccurredAt(Timestamp.newBuilder()
                            .setSeconds(e.getOccurredAt().getSeconds() + 1 + random.nextInt(3 * 86_400)));
                    later++;
                }
                out.add(b.build());
            }
        }
        assertTrue(later > 100, "some copies claim a later time: " + later);
        Collections.shuffle(out, random);
        return out;
    }

    /** Compares one person's standing (at each as-of) and whole ledger, as the gateway serves them, with the fold's. */
    static void compare(PersonLedger person, List<String> diffs) {
        String login = person.login();
        String who = login + " (" + person.personId() + ")";
        if (login.isEmpty()) {
            diffs.add(who + ": has no login, so the API cannot serve them");
            return;
        }
        for (Instant asOf : AS_OF) {
            Standings.Standing s = Standings.of(RULES, person, asOf);
            Contributor c;
            try {
                c = call(() -> api.withDeadlineAfter(10, TimeUnit.SECONDS).getContributor(GetContributorRequest.newBuilder()
                        .setLogin(login).setAsOf(timestamp(asOf)).build()).getContributor());
            } catch (StatusRuntimeException e) {
                diffs.add(who + " as of " + asOf + ": GetContributor failed: " + e.getStatus());
                continue;
            }
            String at = who + " as of " + asOf + ": ";
            same(diffs, at + "github_id", s.personId(), c.getGithubId());
            same(diffs, at + "points", s.points(), c.getPoints());
            same(diffs, at + "level", s.level(), c.getLevel());
            same(diffs, at + "level_points", s.levelPoints(), c.getLevelPoints());
            same(diffs, at + "next_level_points", s.nextLevelPoints(), c.getNextLevelPoints());
            same(diffs, at + "role", s.role(), c.getRole());
            same(diffs, at + "next_step", s.nextStep(), c.getNextStep());
            same(diffs, at + "flagged", s.flagged(), c.getFlagged());
            same(diffs, at + "teams", s.teams(), c.getTeamsList());
            same(diffs, at + "entries", s.entries(), c.getEntries());
            same(diffs, at + "streak (current weeks)", s.currentStreakWeeks(), c.getStreaks().getCurrentWeeks());
            same(diffs, at + "streak (longest weeks)", s.longestStreakWeeks(), c.getStreaks().getLongestWeeks());
            same(diffs, at + "badges", s.badges().stream().map(b -> b.id() + "@" + b.earnedAt()).toList(),
                    c.getBadgesList().stream().map(b -> b.getId() + "@" + instant(b.getEarnedAt())).toList());
            same(diffs, at + "ruleset_version", RULES.version(), c.getRulesetVersion());
        }
        List<LedgerEntry> served;
        try {
            served = wholeLedger(login);
        } catch (StatusRuntimeException e) {
            diffs.add(who + ": ListLedger failed: " + e.getStatus());
            return;
        }
        List<String> want = new ArrayList<>(person.entries().stream().map(ShuffledDeliveryIT::line).toList());
        Collections.reverse(want); // the API serves the newest first
        List<String> got = served.stream().map(ShuffledDeliveryIT::line).toList();
        if (!want.equals(got)) {
            diffs.add(who + ": ledger has " + got.size() + " lines, the fold " + want.size());
            int shown = 0;
            for (int i = 0; i < Math.max(want.size(), got.size()) && shown < 3; i++) {
                String w = i < want.size() ? want.get(i) : "(none)";
                String g = i < got.size() ? got.get(i) : "(none)";
                if (!w.equals(g)) {
                    diffs.add(who + ": line " + (i + 1) + " (newest first)\n      expected " + w + "\n      served   " + g);
                    shown++;
                }
            }
        }
    }

    /** Every page of a person's ledger through the gateway. */
    static List<LedgerEntry> wholeLedger(String login) {
        List<LedgerEntry> all = new ArrayList<>();
        String token = "";
        for (int page = 0; page < 10_000; page++) {
            String t = token;
            ListLedgerResponse r = call(() -> api.withDeadlineAfter(10, TimeUnit.SECONDS).listLedger(ListLedgerRequest
                    .newBuilder().setLogin(login).setPageSize(PAGE_SIZE).setPageToken(t).build()));
            all.addAll(r.getEntriesList());
            if (r.getNextPageToken().isEmpty()) {
                assertEquals(r.getTotalEntries(), all.size(), login + ": total_entries against the lines of all pages");
                return all;
            }
            token = r.getNextPageToken();
        }
        throw new AssertionError(login + ": ListLedger never reached its last page");
    }

    static String line(dev.ascent.ledger.rules.LedgerEntry e) {
        return String.join(" | ", e.entryId(), e.eventId(), e.kind(), Integer.toString(e.points()), e.ruleId(),
                e.sentence(), e.url(), e.occurredAt().toString(), Objects.toString(e.takenBackAt(), "-"));
    }

    static String line(LedgerEntry e) {
        return String.join(" | ", e.getEntryId(), e.getEventId(), e.getKind(), Integer.toString(e.getPoints()),
                e.getRuleId(), e.getSentence(), e.getUrl(), instant(e.getOccurredAt()).toString(),
                e.hasTakenBackAt() ? instant(e.getTakenBackAt()).toString() : "-");
    }

    static void same(List<String> diffs, String what, Object expected, Object served) {
        if (!Objects.equals(expected, served)) {
            diffs.add(what + ": expected " + expected + ", served " + served);
        }
    }

    /** Polls the ledger's GetStats until the condition holds; fails with the last answer at the deadline. */
    static GetStatsResponse awaitLedger(String what, Predicate<GetStatsResponse> done) {
        Instant deadline = Instant.now().plus(DEADLINE);
        String last = "no answer yet";
        while (Instant.now().isBefore(deadline)) {
            try {
                GetStatsResponse s = ledger.withDeadlineAfter(10, TimeUnit.SECONDS)
                        .getStats(GetStatsRequest.getDefaultInstance());
                if (done.test(s)) {
                    return s;
                }
                last = s.toString().replace('\n', ' ');
            } catch (StatusRuntimeException e) {
                last = e.getStatus().toString();
            }
            pause();
        }
        throw new AssertionError("waited " + DEADLINE.toSeconds() + " s for " + what + "; GetStats said last: " + last);
    }

    /** Waits until the ledger's consumer group has committed the end of every partition of contributions.v1. */
    static void awaitAllConsumed() throws InterruptedException {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, system.infra().kafkaBootstrapServers());
        try (Admin admin = Admin.create(p)) {
            int partitions = AscentSystem.TOPICS.get(ContributionPublisher.TOPIC);
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            for (int i = 0; i < partitions; i++) {
                latest.put(new TopicPartition(ContributionPublisher.TOPIC, i), OffsetSpec.latest());
            }
            // a partition no key hashed to has nothing to consume and no committed offset
            Map<TopicPartition, Long> end = admin.listOffsets(latest).all().get().entrySet().stream()
                    .filter(e -> e.getValue().offset() > 0)
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
            Instant deadline = Instant.now().plus(DEADLINE);
            Map<TopicPartition, Long> committed = Map.of();
            while (Instant.now().isBefore(deadline)) {
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(LEDGER_GROUP)
                        .partitionsToOffsetAndMetadata().get();
                committed = offsets.entrySet().stream().filter(e -> e.getValue() != null && e.getValue().offset() > 0)
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
                if (committed.equals(end)) {
                    return;
                }
                pause();
            }
            throw new AssertionError("the ledger did not consume contributions.v1 to its end within " + DEADLINE.toSeconds()
                    + " s: end offsets " + end + ", committed " + committed);
        } catch (ExecutionException e) {
            throw new AssertionError("cannot read the offsets of contributions.v1: " + e.getCause(), e.getCause());
        }
    }

    /** A call through the gateway, retried while the gateway reports the ledger unavailable (just restarted). */
    static <T> T call(Supplier<T> rpc) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            try {
                return rpc.get();
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() != Status.Code.UNAVAILABLE || Instant.now().isAfter(deadline)) {
                    throw e;
                }
                pause();
            }
        }
    }

    static String idAndTime(ContributionRecorded e) {
        return e.getEventId() + "@" + e.getOccurredAt().getSeconds();
    }

    static void pause() {
        Polling.pause();
    }

    static Timestamp timestamp(Instant t) {
        return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
    }

    static Instant instant(Timestamp t) {
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }
}
