package dev.ascent.ledger.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.ascent.devstack.TestMongo;
import dev.ascent.ledger.Contribution;
import dev.ascent.ledger.repository.LedgerRepository;
import dev.ascent.ledger.rules.Leaderboards;
import dev.ascent.ledger.rules.Milestones;
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
 * a restart rebuilds the same ledgers from them, activating another ruleset version refolds everything under it
 * and is remembered across restarts, and so is a person's listing preference.
 */
class LedgerServiceTest {

    static final Instant T = Instant.parse("2026-05-04T10:00:00Z");

    String database;
    MongoClient client;
    Path rulesets;
    String v1;

    @BeforeEach
    void start(@TempDir Path dir) throws IOException {
        client = MongoClients.create(TestMongo.uri());
        database = TestMongo.freshDatabase("ascent-ledger");
        rulesets = dir;
        // a second version for these tests: the shipped v1 with issue comments worth 3 points instead of 1
        try (InputStream in = Ruleset.class.getResourceAsStream(Ruleset.DEFAULT_RESOURCE)) {
            v1 = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String v2 = v1.replaceFirst("(?m)^version: v1$", "version: v2-test")
                .replaceFirst("(?s)(issue\\.commented:.*?points:) 1", "$1 3");
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

    static Contribution merged(long who, String login, long pr, Instant at) {
        return Contribution.of("pr.merged:python/cpython#" + pr + ":" + who, "pr.merged", who, login, at,
                "python/cpython", pr, who, "author", "");
    }

    static List<String> logins(Leaderboards.Board board) {
        return board.rows().stream().map(Leaderboards.Row::login).toList();
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

    @Test
    void aListingPreferenceIsStoredAndHoldsAfterARestart() {
        LedgerService s = service();
        s.record(List.of(merged(7, "ada", 1, T), comment(8, "bob", 1, T)));
        Instant later = T.plusSeconds(60);
        assertEquals(List.of("ada", "bob"), logins(s.leaderboard(Leaderboards.Period.ALL_TIME, later, 10)));

        LedgerService.Listing hidden = s.setListing("ADA", true).orElseThrow();
        assertEquals(new LedgerService.Listing(7, "ada", true), hidden);
        assertEquals(List.of("bob"), logins(s.leaderboard(Leaderboards.Period.ALL_TIME, later, 10)));
        assertEquals(1, s.leaderboard(Leaderboards.Period.ALL_TIME, later, 10).rows().get(0).rank());
        assertTrue(s.profile("ada", later, -1, 10, 4).orElseThrow().hidden(), "their own page still answers");
        assertTrue(s.home(later, 10, 10).recent().stream().noneMatch(m -> m.personId() == 7));
        assertTrue(s.setListing("nobody", true).isEmpty());

        LedgerService restarted = service();
        assertTrue(restarted.profile("ada", later, -1, 10, 4).orElseThrow().hidden());
        assertEquals(List.of("bob"), logins(restarted.leaderboard(Leaderboards.Period.ALL_TIME, later, 10)));
        restarted.setListing("ada", false);
        LedgerService again = service();
        assertFalse(again.profile("ada", later, -1, 10, 4).orElseThrow().hidden());
        assertEquals(List.of("ada", "bob"), logins(again.leaderboard(Leaderboards.Period.ALL_TIME, later, 10)));
    }

    @Test
    void theRulesetIsShownAsTheFileItWasLoadedFrom() throws IOException {
        LedgerService s = service();
        assertEquals("v1", s.ruleset().rules().version());
        assertEquals(v1, s.ruleset().source());
        s.activate("v2-test");
        assertEquals("v2-test", s.ruleset().rules().version());
        assertEquals(Files.readString(rulesets.resolve("v2-test.yaml")), s.ruleset().source());
    }

    @Test
    void milestonesAreComputedAgainOnlyForThePeopleABatchChanged() {
        LedgerService s = service();
        s.record(List.of(merged(7, "ada", 1, T), merged(8, "bob", 2, T.plusSeconds(1))));
        List<Milestones.Milestone> ada = s.milestones(7);
        List<Milestones.Milestone> bob = s.milestones(8);
        assertEquals(3, ada.size(), ada.toString()); // level 3, first-steps, first-merge

        s.record(List.of(merged(8, "bob", 3, T.plusSeconds(2))));

        assertSame(ada, s.milestones(7), "ada's ledger did not change");
        assertNotSame(bob, s.milestones(8));
        assertEquals(List.of(8L, 8L, 8L, 7L), s.home(T.plusSeconds(60), 10, 4).recent().stream()
                .map(Milestones.Milestone::personId).toList());
        s.activate("v2-test");
        assertNotSame(ada, s.milestones(7), "a refold makes new ledgers");
    }
}
