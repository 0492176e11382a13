package dev.ascent.gateway.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ascent.gateway.portal.LedgerPage;
import dev.ascent.gateway.portal.Profile;
import dev.ascent.gateway.portal.Standing;
import dev.ascent.ruleset.Ruleset;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LadderTest {

    static Profile holding(String role, List<Standing.RoleProgress> ahead) {
        Standing s = new Standing("ada", 1, 50, 3, 30, 75, 25, role, "", List.of(), List.of(), ahead, 0, 0, false,
                List.of(), 5, "v1", Instant.EPOCH);
        return new Profile(s, new LedgerPage(List.of(), "", 0, "v1"), List.of(), false);
    }

    @Test
    void rolesBelowArePassedTheHeldOneIsMarkedAndTheOnesAboveCarryTheirProgress() {
        var regular = new Standing.RoleProgress("regular", "automatic",
                List.of(new Standing.Criterion("merged_prs", 1, 10, 0)), "triage and review");
        var steps = PortalResource.ladder(Ruleset.loadDefault(), holding("contributor", List.of(regular)));
        assertEquals(List.of("newcomer", "contributor", "regular", "triager", "core-developer", "steering-council"),
                steps.stream().map(PortalResource.LadderStep::role).toList());
        assertEquals(List.of("passed", "held", "ahead", "ahead", "ahead", "ahead"),
                steps.stream().map(PortalResource.LadderStep::state).toList());
        assertEquals(regular, steps.get(2).progress());
        assertNull(steps.get(0).progress());
    }
}
