package dev.ascent.it;

import dev.ascent.devstack.SyntheticHistory;
import dev.ascent.ledger.Contribution;
import dev.ascent.ledger.mapping.ContributionMapping;
import dev.ascent.ledger.rules.LedgerEngine;
import dev.ascent.ledger.rules.LedgerEntry;
import dev.ascent.ledger.rules.PersonLedger;
import dev.ascent.ledger.rules.Standings;
import dev.ascent.proto.events.v1.ContributionRecorded;
import dev.ascent.ruleset.Ruleset;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The synthetic history is deterministic, uses RULES.md's event ids, and exercises every rule the ledger has. */
class SyntheticHistoryTest {

    static final Ruleset RULES = Ruleset.loadDefault();
    static final SyntheticHistory HISTORY = SyntheticHistory.generate(new SyntheticHistory.Settings(7L, 40, 3000));
    static final Instant AS_OF = SyntheticHistory.END.plusSeconds(86_400);

    /** A time inside an id: UTC, whole seconds. */
    static final String ID_TIME = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ";
    /** RULES.md "Facts, ids and time", one pattern per kind. */
    static final Map<String, Pattern> ID_PATTERNS = Map.ofEntries(
            Map.entry("issue.opened", Pattern.compile("issue\\.opened:[a-z]+/[a-z]+#\\d+:\\d+")),
            Map.entry("issue.triaged", Pattern.compile("issue\\.triaged:[a-z]+/[a-z]+#\\d+:\\d+")),
            Map.entry("issue.closed_by_triage", Pattern.compile("issue\\.closed_by_triage:[a-z]+/[a-z]+#\\d+:\\d+")),
            Map.entry("issue.commented", Pattern.compile("issue\\.commented:[a-z]+/[a-z]+#\\d+:\\d+:c\\d+")),
            Map.entry("pr.opened", Pattern.compile("pr\\.opened:[a-z]+/[a-z]+#\\d+:\\d+")),
            Map.entry("pr.merged", Pattern.compile("pr\\.merged:[a-z]+/[a-z]+#\\d+:\\d+")),
            Map.entry("pr.merged_other", Pattern.compile("pr\\.merged_other:[a-z]+/[a-z]+#\\d+:\\d+")),
            Map.entry("pr.reviewed", Pattern.compile("pr\\.reviewed:[a-z]+/[a-z]+#\\d+:\\d+:r\\d+")),
            Map.entry("pr.flagged", Pattern.compile("pr\\.flagged:[a-z]+/[a-z]+#\\d+:\\d+")),
            Map.entry("pr.reverted", Pattern.compile("pr\\.reverted:[a-z]+/[a-z]+#\\d+")),
            Map.entry("team.joined", Pattern.compile("team\\.joined:python/[a-z-]+:\\d+@" + ID_TIME)),
            Map.entry("team.left", Pattern.compile("team\\.left:python/[a-z-]+:\\d+@" + ID_TIME)),
            Map.entry("pep.created", Pattern.compile("pep\\.created:python/peps#\\d+:\\d+")),
            Map.entry("pep.accepted", Pattern.compile("pep\\.accepted:python/peps#\\d+:\\d+")),
            Map.entry("pep.final", Pattern.compile("pep\\.final:python/peps#\\d+:\\d+")),
            Map.entry("patch.passed", Pattern.compile("patch\\.passed:[a-z]+/[a-z]+#\\d+:\\d+:[a-z0-9]+")),
            Map.entry("flag.cleared", Pattern.compile("flag\\.cleared:\\d+@" + ID_TIME)));

    @Test
    void theSameSeedGivesTheSameEventsAndTheSizeAsked() {
        SyntheticHistory again = SyntheticHistory.generate(new SyntheticHistory.Settings(7L, 40, 3000));
        assertEquals(HISTORY.events(), again.events());
        assertNotEquals(HISTORY.events(), SyntheticHistory.generate(new SyntheticHistory.Settings(8L, 40, 3000)).events());
        assertEquals(3000, HISTORY.events().size());
        assertEquals(40, HISTORY.people().size());
        SyntheticHistory.Settings tenK = SyntheticHistory.Settings.ofSize(1L, 10_000, 250);
        assertEquals(40, tenK.people());
        assertEquals(10_000, SyntheticHistory.generate(tenK).events().size());
    }

    @Test
    void everyKindTheRulesetScoresIsThereWithTheIdsRulesMdDefines() {
        Set<String> kinds = HISTORY.countByKind().keySet();
        assertEquals(new TreeSet<>(RULES.kinds().keySet()), new TreeSet<>(kinds), "every kind of ruleset v1");
        DateTimeFormatter idTime = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
        for (ContributionRecorded e : HISTORY.events()) {
            assertTrue(ID_PATTERNS.get(e.getKind()).matcher(e.getEventId()).matches(), e.getEventId());
            String who = Long.toString(e.getContributor().getId());
            String target = e.getTarget().getRepository() + "#" + e.getTarget().getNumber();
            String expected = switch (e.getKind()) {
                case "issue.commented", "pr.reviewed" -> e.getKind() + ":" + target + ":" + who
                        + e.getEventId().substring(e.getEventId().lastIndexOf(':'));
                case "pr.reverted" -> "pr.reverted:" + target;
                case "team.joined", "team.left" -> e.getKind() + ":" + e.getTeam() + ":" + who + "@"
                        + idTime.format(Instant.ofEpochSecond(e.getOccurredAt().getSeconds()));
                case "flag.cleared" -> "flag.cleared:" + who + "@"
                        + idTime.format(Instant.ofEpochSecond(e.getOccurredAt().getSeconds()));
                case "patch.passed" -> e.getKind() + ":" + target + ":" + who + ":" + e.getArch();
                default -> e.getKind() + ":" + target + ":" + who;
            };
            assertEquals(expected, e.getEventId());
            if (e.getKind().equals("pr.reverted")) {
                assertEquals(0, e.getContributor().getId(), "a revert's contributor is unset: " + e.getEventId());
                assertTrue(e.getActor().getId() > 0, e.getEventId());
                assertEquals(Long.toString(e.getActor().getId()), SyntheticHistory.kafkaKey(e));
            } else {
                assertEquals(who, SyntheticHistory.kafkaKey(e));
            }
            ContributionMapping.fromProto(e); // the ledger folds it: nothing is a dead letter
        }
        Set<String> credits = HISTORY.events().stream().map(e -> e.getKind() + "/" + e.getCredit())
                .collect(Collectors.toSet());
        assertTrue(credits.containsAll(List.of("pr.merged/author", "pr.merged/co-author", "pep.created/author",
                "pep.created/sponsor", "pep.accepted/author", "pep.accepted/delegate", "pep.final/author")),
                credits.toString());
        Set<String> states = HISTORY.events().stream().map(ContributionRecorded::getReviewState)
                .collect(Collectors.toSet());
        assertTrue(states.containsAll(List.of("approved", "changes_requested", "commented")), states.toString());
        Set<String> archs = HISTORY.events().stream().map(ContributionRecorded::getArch).collect(Collectors.toSet());
        assertTrue(archs.containsAll(List.of("amd64", "arm64", "riscv64")), archs.toString());
    }

    @Test
    void restatementsOfAFactComeLaterAndTheEarliestIsKept() {
        Map<String, List<ContributionRecorded>> byId = HISTORY.events().stream()
                .collect(Collectors.groupingBy(ContributionRecorded::getEventId));
        List<List<ContributionRecorded>> restated = byId.values().stream().filter(l -> l.size() > 1).toList();
        assertTrue(restated.size() > 10, "some facts are stated twice: " + restated.size());
        List<ContributionRecorded> canonical = HISTORY.canonical();
        assertEquals(byId.size(), canonical.size());
        Map<String, ContributionRecorded> kept = canonical.stream()
                .collect(Collectors.toMap(ContributionRecorded::getEventId, e -> e));
        for (List<ContributionRecorded> same : restated) {
            long earliest = same.stream().mapToLong(e -> e.getOccurredAt().getSeconds()).min().orElseThrow();
            assertEquals(earliest, kept.get(same.get(0).getEventId()).getOccurredAt().getSeconds());
        }
    }

    @Test
    void theRulesThatLookAtOtherPeoplesHistoryAllFire() {
        LedgerEngine engine = fold(HISTORY.canonical());
        List<LedgerEntry> all = engine.ledgers().stream().flatMap(l -> l.entries().stream()).toList();
        Map<String, Long> byRule = all.stream().collect(Collectors.groupingBy(LedgerEntry::ruleId, Collectors.counting()));
        assertTrue(byRule.getOrDefault("bonus.newcomer-review", 0L) > 5, byRule.toString());
        assertTrue(byRule.getOrDefault("bonus.first-merge", 0L) > 5, byRule.toString());
        assertTrue(all.stream().anyMatch(e -> e.kind().equals("pr.reverted") && e.points() < 0), "a revert takes back");
        assertTrue(all.stream().anyMatch(e -> e.takenBackAt() != null), "a merge taken back");
        assertTrue(all.stream().anyMatch(e -> e.sentence().contains("reverted by its own author")), "a self-revert");
        assertTrue(all.stream().anyMatch(e -> e.sentence().contains("no merged pull request")), "a revert of an old PR");
        assertTrue(all.stream().anyMatch(e -> e.sentence().contains("daily limit")), "a daily limit reached");
        assertTrue(all.stream().anyMatch(e -> e.sentence().contains("only the first review")), "a second review");
        assertTrue(all.stream().anyMatch(e -> e.sentence().contains("not an architecture")), "an arch not scored");
        Map<String, Integer> roles = new HashMap<>();
        Set<String> badges = new HashSet<>();
        int flagged = 0;
        for (PersonLedger l : engine.ledgers()) {
            Standings.Standing s = Standings.of(RULES, l, AS_OF);
            roles.merge(s.role(), 1, Integer::sum);
            s.badges().forEach(b -> badges.add(b.id()));
            flagged += s.flagged() ? 1 : 0;
        }
        assertTrue(flagged >= 1, "a spammer is flagged");
        assertTrue(roles.keySet().containsAll(List.of("newcomer", "contributor", "triager", "core-developer")),
                roles.toString());
        assertTrue(badges.containsAll(List.of("first-steps", "first-merge", "first-review", "first-triage",
                "green-everywhere", "pep-author", "pep-accepted", "streak-4", "merges-10", "reviews-25")),
                badges.toString());
    }

    @Test
    void shuffledRedeliveredBatchesFoldToTheSameLedgersAsTheSortedHistory() {
        LedgerEngine sorted = fold(HISTORY.canonical());
        List<ContributionRecorded> deliveries = new ArrayList<>(HISTORY.events());
        deliveries.addAll(HISTORY.events().subList(0, 700));
        Collections.shuffle(deliveries, new Random(11));
        LedgerEngine shuffled = new LedgerEngine(RULES);
        for (int from = 0; from < deliveries.size(); from += 97) {
            shuffled.add(deliveries.subList(from, Math.min(deliveries.size(), from + 97)).stream()
                    .map(ContributionMapping::fromProto).toList());
        }
        assertEquals(sorted.people(), shuffled.people());
        for (long person : sorted.people()) {
            assertEquals(sorted.ledger(person), shuffled.ledger(person), "person " + person);
        }
    }

    static LedgerEngine fold(List<ContributionRecorded> events) {
        List<Contribution> cs = events.stream().map(ContributionMapping::fromProto).toList();
        LedgerEngine engine = new LedgerEngine(RULES);
        engine.add(cs);
        return engine;
    }
}
