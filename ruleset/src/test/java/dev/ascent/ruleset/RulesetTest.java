package dev.ascent.ruleset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RulesetTest {

    private final Ruleset rules = Ruleset.loadDefault();

    @Test
    void aServiceSaysWhereItsRulesetCameFrom() {
        assertEquals("/etc/ascent/rules.yaml", Ruleset.sourceOf(Optional.of("/etc/ascent/rules.yaml")));
        assertEquals("shipped /ruleset/v1.yaml", Ruleset.sourceOf(Optional.of("  ")));
        assertEquals("shipped /ruleset/v1.yaml", Ruleset.sourceOf(Optional.empty()));
    }

    @Test
    void theDefaultFileCarriesRulesMdFigures() {
        assertEquals("v1", rules.version());
        assertEquals(List.of(0L, 10L, 30L, 75L, 150L, 300L, 600L, 1200L, 2500L, 5000L), rules.levels());
        assertEquals(3, rules.kind("issue.triaged").orElseThrow().points());
        assertEquals("triage", rules.kind("issue.closed_by_triage").orElseThrow().oncePerTarget());
        assertEquals(-10, rules.kind("pr.flagged").orElseThrow().points());
        assertEquals(100, rules.kind("pep.accepted").orElseThrow().pointsByCredit().get("author"));
        assertEquals(25, rules.bonuses().firstMerge());
        assertEquals(720, rules.flagging().windowHours());
        assertEquals(List.of("newcomer", "contributor", "regular", "triager", "core-developer", "steering-council"),
                rules.roles().stream().map(Ruleset.RoleRule::id).toList());
        assertEquals(17, rules.badges().size());
        assertEquals(List.of("amd64", "arm64", "riscv64"), rules.sources().architectures());
    }

    @Test
    void levelsStartAtTheirThresholdsAndNegativeTotalsAreLevelOne() {
        assertEquals(1, rules.levelFor(-30));
        assertEquals(1, rules.levelFor(9));
        assertEquals(2, rules.levelFor(10));
        assertEquals(9, rules.levelFor(4999));
        assertEquals(10, rules.levelFor(5000));
        assertEquals(0, rules.nextLevelPoints(10));
        assertEquals(75, rules.nextLevelPoints(3));
        assertEquals(30, rules.levelPoints(3));
    }

    @Test
    void triageLabelsMatchPatternsWithoutRegardToCase() {
        Ruleset.Sources s = rules.sources();
        assertTrue(s.isTriageLabel("type-bug"));
        assertTrue(s.isTriageLabel("3.13"));
        assertTrue(s.isTriageLabel("os-windows"));
        assertTrue(s.isTriageLabel("Docs"));
        assertFalse(s.isTriageLabel("3"));
        assertFalse(s.isTriageLabel("docs-extra"));
        assertFalse(s.isTriageLabel("awaiting review"));
        assertTrue(s.isFlagLabel("SPAM"));
        assertTrue(s.isListedBot("Miss-Islington"));
    }

    @Test
    void teamRolesMatchTheSlugWithoutRegardToCase() {
        Ruleset.RoleRule triager = rules.roles().get(3);
        assertTrue(triager.heldByTeam("python/Triage"));
        assertTrue(triager.heldByTeam("triage"));
        assertFalse(triager.heldByTeam("python/triage-team"));
    }

    @Test
    void anInvalidFileFailsWithTheReason() {
        var e = assertThrows(IllegalArgumentException.class, () -> Ruleset.parse(
                new ByteArrayInputStream("version: v9\nlevels: [0, 10]\nbadges: [{id: x, metric: likes, min: 1}]\n"
                        .getBytes(StandardCharsets.UTF_8)), "bad.yaml"));
        assertTrue(e.getMessage().contains("unknown metric likes"), e.getMessage());
        var noVersion = assertThrows(IllegalArgumentException.class, () -> Ruleset.parse(
                new ByteArrayInputStream("levels: [0, 10]\n".getBytes(StandardCharsets.UTF_8)), "nov.yaml"));
        assertTrue(noVersion.getMessage().contains("no version"), noVersion.getMessage());
    }
}
