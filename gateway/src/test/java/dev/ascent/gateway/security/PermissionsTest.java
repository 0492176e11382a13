package dev.ascent.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ascent.gateway.portal.Cohort;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PermissionsTest {

    static PortalConfig config(String admins, String curators) {
        return new PortalConfig() {
            public Optional<Set<String>> admins() {
                return Optional.of(Set.of(admins.split(",")));
            }

            public Optional<Set<String>> curators() {
                return Optional.of(Set.of(curators.split(",")));
            }

            public Optional<Set<String>> mentors() {
                return Optional.empty();
            }

            public Optional<Set<String>> committee() {
                return Optional.empty();
            }

            public LocalSignIn localSignIn() {
                throw new UnsupportedOperationException();
            }
        };
    }

    static final PortalConfig CONFIG = config("Boss", "teacher, other-teacher");
    static final Cohort COURSE = new Cohort("course", "The course", "", List.of("teacher"), List.of(), null, null,
            "teacher", null);

    static Viewer viewer(String login) {
        return new Viewer(login, Roles.of(login, CONFIG));
    }

    @Test
    void rolesComeFromConfigurationWithoutRegardToCase() {
        assertEquals(Set.of("contributor", "admin"), Roles.of("boss", CONFIG));
        assertEquals(Set.of("contributor", "curator"), Roles.of("Other-Teacher", CONFIG));
        assertEquals(Set.of("contributor"), Roles.of("someone", CONFIG));
    }

    @Test
    void onlyCuratorsAndAdminsCreateCohorts() {
        assertTrue(Permissions.createCohort(viewer("teacher")).isEmpty());
        assertTrue(Permissions.createCohort(viewer("boss")).isEmpty());
        assertEquals("Creating a cohort needs the curator role, and someone does not hold it. An admin can give it.",
                Permissions.createCohort(viewer("someone")).orElseThrow());
    }

    @Test
    void onlyTheCohortsOwnCuratorsAndAdminsChangeItsMembers() {
        assertTrue(Permissions.changeMembers(viewer("TEACHER"), COURSE).isEmpty());
        assertTrue(Permissions.changeMembers(viewer("boss"), COURSE).isEmpty());
        assertEquals("Only the curators of “The course” (teacher) and admins can change its members; you are signed in"
                + " as other-teacher.", Permissions.changeMembers(viewer("other-teacher"), COURSE).orElseThrow());
    }

    @Test
    void peopleChooseTheirOwnListing() {
        assertTrue(Permissions.setListing(viewer("someone"), "Someone").isEmpty());
        assertTrue(Permissions.setListing(viewer("boss"), "someone").isEmpty());
        assertTrue(Permissions.setListing(viewer("teacher"), "someone").orElseThrow().startsWith("Only someone"));
    }
}
