package dev.ascent.gateway.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CohortDraftTest {

    @Test
    void aGoodDraftIsNormalizedAndItsCreatorCurates() {
        CohortDraft d = CohortDraft.of(" Uni-Course-2026 ", " Course ", "", "Ada, grace  ada", "2026-09-01",
                "2026-12-31", "Curator-One");
        assertEquals("uni-course-2026", d.slug());
        assertEquals("Course", d.name());
        assertEquals(List.of("curator-one", "ada", "grace"), d.curators());
        assertEquals(Instant.parse("2026-09-01T00:00:00Z"), d.from());
        assertEquals(Instant.parse("2027-01-01T00:00:00Z"), d.to(), "the end day is included");
    }

    @Test
    void openEndsStayOpen() {
        CohortDraft d = CohortDraft.of("s", "n", null, null, "", " ", "me");
        assertNull(d.from());
        assertNull(d.to());
    }

    @Test
    void everyProblemIsNamedAtOnce() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> CohortDraft.of("-bad-", "", "", "not a login!", "2026-13-01", "2026-01-01", "me"));
        String m = e.getMessage();
        assertTrue(m.contains("short name"), m);
        assertTrue(m.contains("the name must be"), m);
        assertTrue(m.contains("curators: 'login!' is not a GitHub login"), m);
        assertTrue(m.contains("the start date must be a date"), m);
    }

    @Test
    void anEndBeforeTheStartIsRefused() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> CohortDraft.of("s", "n", "", "", "2026-05-02", "2026-05-01", "me"));
        assertTrue(e.getMessage().contains("end date must not be before"));
        assertFalse(CohortDraft.of("s", "n", "", "", "2026-05-01", "2026-05-01", "me").to()
                .isBefore(Instant.parse("2026-05-02T00:00:00Z")), "one whole day");
    }

    @Test
    void loginsFollowGithubsShape() {
        assertTrue(Logins.valid("a"));
        assertTrue(Logins.valid("octo-cat9"));
        assertTrue(Logins.valid("dependabot[bot]"));
        assertFalse(Logins.valid("-octo"));
        assertFalse(Logins.valid("octo--cat"));
        assertFalse(Logins.valid("a".repeat(40)));
        assertFalse(Logins.valid("../etc"));
        assertEquals("octocat", Logins.normalize(" OctoCat "));
    }
}
