package dev.ascent.ledger.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.ascent.devstack.TestMongo;
import dev.ascent.ledger.Contribution;
import dev.ascent.ledger.repository.LedgerRepository;
import dev.ascent.ruleset.Ruleset;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger service on a MongoDB (MONGODB_URI, or the embedded stand-in): contributions stored once per event id,
 * a restart rebuilds the same ledgers from them, and activating another ruleset version refolds everything under it
 * and is remembered across restarts.
 */
class LedgerServiceTest {

    static final Instant T = Instant.parse("2026-05-04T10:00:00Z");

    String database;
    MongoClient client;
    Path rulesets;

    @BeforeEach
    void start(@TempDir Path dir) throws IOException {
        client = MongoClients.create(TestMongo.uri());
        database = TestMongo.freshDatabase("ascent-ledger");
        rulesets = dir;
        // a second version for these tests: the shipped v1 with issue comments worth 3 points instead of 1
        String v1;
        try (InputStream in = Ruleset.class.getResourceAsStream(Ruleset.DEFAULT_RESOURCE)) {
            v1 = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String v2 = v1.replaceFirst("(?m)^version: v1$", "version: v2-test")
                .replaceFirst("(?s)(issue\\.commented:\\s+points:) 1", "$1 3");
        if (v2.equals(v1) || !v2.contains("version: v2-test")) {
            throw new IllegalStateException("the test could not derive v2-test from v1");
        }
        Files.writeString(dir.resolve("v2-test.yaml"), v2);
    }

    @AfterEach
    void stop() {
        client.getDatabase(database).drop();
        client.close();
    }

    LedgerService service() {
        LedgerService s = new LedgerService(new LedgerRepository(client, database), Optional.empty(),
                Optional.of(rulesets.toString()));
        s.rebuild();
        return s;
    }

    static Contribution comment(long who, String login, long id, Instant at) {
        return Contribution.of("issue.commented:python/cpython#1:" + who + ":c" + id, "issue.commented", who, login,
                at, "python/cpython", 1, 0, "", "");
    }

    @Test
    void aRestartRebuildsTheSameLedgerFromStoredContributions() {
        LedgerService first = service();
        first.record(List.of(comment(7, "ada", 1, T), comment(7, "ada", 2, T.plusSeconds(1))));
        first.record(List.of(comment(7, "ada", 1, T))); // a redelivery
        assertEquals(2, first.standing("ADA", T.plusSeconds(60)).orElseThrow().points());
        LedgerService second = service();
        assertEquals(first.ledgerByLogin("ada"), second.ledgerByLogin("ada"));
        assertEquals(2, second.stats().contributions());
    }

    @Test
    void activatingAVersionRefoldsEverythingAndIsRemembered() {
        LedgerService s = service();
        s.record(List.of(comment(7, "ada", 1, T), comment(7, "ada", 2, T.plusSeconds(1))));
        assertEquals(List.of("v1", "v2-test"), s.stats().available());
        assertEquals("v1", s.stats().rulesetVersion());
        LedgerService.Activation a = s.activate("v2-test");
        assertEquals(2, a.contributions());
        var standing = s.standing("ada", T.plusSeconds(60)).orElseThrow();
        assertEquals(6, standing.points());
        assertEquals("v2-test", standing.rulesetVersion());
        assertTrue(s.ledgerByLogin("ada").orElseThrow().entries().stream()
                .allMatch(e -> e.rulesetVersion().equals("v2-test")));
        LedgerService restarted = service();
        assertEquals("v2-test", restarted.stats().rulesetVersion());
        assertEquals(6, restarted.standing("ada", T.plusSeconds(60)).orElseThrow().points());
        var e = assertThrows(NoSuchElementException.class, () -> s.activate("v9"));
        assertTrue(e.getMessage().contains("available: [v1, v2-test]"), e.getMessage());
    }

    @Test
    void ledgerPagesAreNewestFirstAndStable() {
        LedgerService s = service();
        for (int i = 0; i < 7; i++) {
            s.record(List.of(comment(7, "ada", i, T.plusSeconds(i))));
        }
        LedgerService.Page first = s.ledgerPage("ada", -1, 3).orElseThrow();
        assertEquals(List.of("c6", "c5", "c4"), first.entries().stream()
                .map(x -> x.eventId().substring(x.eventId().lastIndexOf(':') + 1)).toList());
        s.record(List.of(comment(7, "ada", 9, T.plusSeconds(99)))); // arrives between two pages
        LedgerService.Page second = s.ledgerPage("ada", first.olderThan(), 3).orElseThrow();
        assertEquals(List.of("c3", "c2", "c1"), second.entries().stream()
                .map(x -> x.eventId().substring(x.eventId().lastIndexOf(':') + 1)).toList());
        LedgerService.Page last = s.ledgerPage("ada", second.olderThan(), 3).orElseThrow();
        assertEquals(1, last.entries().size());
        assertEquals(0, last.olderThan());
    }
}
