package dev.ascent.gateway.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ascent.ruleset.Ruleset;
import org.junit.jupiter.api.Test;

class RulesViewTest {

    static final Ruleset V1 = Ruleset.loadDefault();
    static final RulesView VIEW = RulesView.of(V1);

    static RulesView.KindRow kind(String id) {
        return VIEW.kinds().stream().filter(k -> k.kind().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void everyKindOfTheRulesetIsShownWithItsOwnFigures() {
        assertEquals(V1.kinds().keySet().size(), VIEW.kinds().size());
        assertEquals("+1", kind("issue.commented").points());
        assertTrue(kind("issue.commented").limits().get(0).startsWith("the first 5 issue comments per UTC day"));
        assertEquals("+20 author, +10 co-author", kind("pr.merged").points());
        assertEquals("+6 approved, +6 changes requested, +2 commented", kind("pr.reviewed").points());
        assertEquals("−10", kind("pr.flagged").points());
        assertEquals("takes points back", kind("pr.reverted").points());
        assertEquals(V1.kinds().get("pr.opened").description(), kind("pr.opened").description());
    }

    @Test
    void sharedLimitsNameTheKindsTheyAreSharedWith() {
        var triaged = kind("issue.triaged").limits();
        assertTrue(triaged.get(0).contains("(shared with issue.closed_by_triage)"), triaged.get(0));
        assertTrue(triaged.get(1).startsWith("once per person per issue or PR (shared with issue.closed_by_triage)"));
    }

    @Test
    void levelsRolesAndBadgesComeFromTheFile() {
        assertEquals(V1.levels().size(), VIEW.levels().size());
        assertEquals(new RulesView.LevelRow(4, 75), VIEW.levels().get(3));
        var regular = VIEW.roles().stream().filter(r -> r.id().equals("regular")).findFirst().orElseThrow();
        assertEquals("automatic", regular.heldBy());
        assertEquals("merged PRs ≥ 10", regular.requires().get(0));
        assertEquals("active months ≥ 3 in the last 12 months", regular.requires().get(1));
        var triager = VIEW.roles().stream().filter(r -> r.id().equals("triager")).findFirst().orElseThrow();
        assertEquals("membership of the triage team", triager.heldBy());
        assertEquals(V1.badges().size(), VIEW.badges().size());
        assertTrue(VIEW.flagging().startsWith("2 flagged PRs within 720 hours"));
    }
}
