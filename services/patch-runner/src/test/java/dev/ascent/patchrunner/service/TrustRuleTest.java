package dev.ascent.patchrunner.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ascent.patchrunner.Person;
import dev.ascent.patchrunner.Standing;
import dev.ascent.ruleset.Ruleset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrustRuleTest {

    final Ruleset rules = Ruleset.loadDefault();
    final TrustRule rule = new TrustRule(RoleLadder.of(rules, "contributor"));
    final Person ada = new Person(10, "ada");

    @Test
    void theLadderIsTheRulesetsAndTrustsTheRoleAndAbove() {
        RoleLadder ladder = RoleLadder.of(rules, "contributor");
        assertFalse(ladder.trusts("newcomer"));
        for (String role : List.of("contributor", "regular", "triager", "core-developer", "steering-council")) {
            assertTrue(ladder.trusts(role), role);
        }
        assertFalse(ladder.trusts("overlord"));
        assertFalse(ladder.trusts(null));
        assertEquals(0, ladder.rank("newcomer").getAsInt());
    }

    @Test
    void aHigherTrustedRoleMovesTheLine() {
        RoleLadder ladder = RoleLadder.of(rules, "triager");
        assertFalse(ladder.trusts("regular"));
        assertTrue(ladder.trusts("core-developer"));
    }

    @Test
    void aTrustedRoleOffTheLadderIsRefusedAtOnce() {
        var e = assertThrows(IllegalArgumentException.class, () -> RoleLadder.of(rules, "maintainer"));
        assertTrue(e.getMessage().contains("maintainer"), e.getMessage());
    }

    @Test
    void standingsAreJudgedByRoleUnderTheSameGithubId() {
        assertEquals(Trust.yes("role contributor"), rule.byStanding(ada,
                Optional.of(new Standing("ada", 10, "contributor"))));
        assertEquals(Trust.no("role newcomer"), rule.byStanding(ada,
                Optional.of(new Standing("ada", 10, "newcomer"))));
        assertFalse(rule.byStanding(ada, Optional.of(new Standing("ada", 11, "core-developer"))).trusted());
        assertFalse(rule.byStanding(ada, Optional.of(new Standing("ada", 10, "wizard"))).trusted());
        assertFalse(rule.byStanding(ada, Optional.empty()).trusted());
    }

    @Test
    void onlyOwnerMemberAndCollaboratorTrustByAssociation() {
        assertTrue(rule.byAssociation("OWNER").isPresent());
        assertTrue(rule.byAssociation("collaborator").isPresent());
        assertTrue(rule.byAssociation("CONTRIBUTOR").isEmpty());
        assertTrue(rule.byAssociation("FIRST_TIME_CONTRIBUTOR").isEmpty());
        assertTrue(rule.byAssociation("NONE").isEmpty());
        assertTrue(rule.byAssociation(null).isEmpty());
    }
}
