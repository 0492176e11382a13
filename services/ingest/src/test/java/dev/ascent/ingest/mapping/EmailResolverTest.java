package dev.ascent.ingest.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ascent.ingest.Admin;
import dev.ascent.ingest.EmailEvidence;
import dev.ascent.ingest.Ground;
import dev.ascent.ingest.UserSeen;
import dev.ascent.ingest.repository.InMemoryIdentityStore;
import dev.ascent.ruleset.BotPolicy;
import dev.ascent.ruleset.Ruleset;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EmailResolverTest {

    static final Instant T1 = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant T2 = Instant.parse("2026-02-01T00:00:00Z");

    final InMemoryIdentityStore store = new InMemoryIdentityStore();
    final EmailResolver resolver = new EmailResolver(new BotPolicy(Ruleset.loadDefault().sources()));

    Optional<EmailResolver.Resolved> resolve(String email) {
        return resolver.resolve(email, store);
    }

    @Test
    void anIdNoreplyAddressIsThePersonEvenUnseenOrRenamed() {
        assertEquals(Optional.of(new EmailResolver.Resolved(7, "ada", false, Ground.NOREPLY)),
                resolve("7+Ada@users.noreply.github.com"));
        store.recordUsers(List.of(new UserSeen(7, "ada-l", false, T2)));
        assertEquals("ada-l", resolve("7+ada@users.noreply.github.com").orElseThrow().login(), "the login seen last");
    }

    @Test
    void aLoginNoreplyAddressIsTheDirectorysPersonForThatLogin() {
        assertTrue(resolve("ada@users.noreply.github.com").isEmpty());
        store.recordUsers(List.of(new UserSeen(7, "ada", false, T1)));
        assertEquals(7, resolve("ADA@users.noreply.github.com").orElseThrow().id());
        // the login passed to someone else after a rename: the one who used it most recently
        store.recordUsers(List.of(new UserSeen(7, "ada-l", false, T2), new UserSeen(8, "ada", false, T2)));
        assertEquals(8, resolve("ada@users.noreply.github.com").orElseThrow().id());
    }

    @Test
    void ownCommitEvidenceResolvesOnceTheLoginIsKnown() {
        store.putEvidence(new EmailEvidence("ada@example.org", null, "ada", Ground.OWN_COMMITS, 0, null, T1));
        assertTrue(resolve("ada@example.org").isEmpty());
        store.recordUsers(List.of(new UserSeen(7, "ada", false, T1)));
        assertEquals(Optional.of(new EmailResolver.Resolved(7, "ada", false, Ground.OWN_COMMITS)),
                resolve(" Ada@Example.org "));
    }

    @Test
    void anAdminLinkResolvesAndIsNotOwnEvidence() {
        store.recordUsers(List.of(new UserSeen(7, "ada", false, T1)));
        store.putEvidence(new EmailEvidence("ada@example.org", 7L, "ada", Ground.ADMIN_LINK, 3, new Admin(1, "root"), T1));
        EmailResolver.Resolved r = resolve("ada@example.org").orElseThrow();
        assertEquals(Ground.ADMIN_LINK, r.ground());
        assertFalse(r.ground().isOwn());
    }

    @Test
    void neverByName() {
        store.recordUsers(List.of(new UserSeen(7, "ada", false, T1)));
        assertTrue(resolve("ada@example.org").isEmpty(), "the local part is a name, not evidence");
        assertTrue(resolve("ada").isEmpty());
    }

    @Test
    void aCommitsUsernameResolvesItsAuthor() {
        store.recordUsers(List.of(new UserSeen(7, "ada", false, T1)));
        assertEquals(Ground.USERNAME, resolver.resolveAuthor("Ada", "ada@laptop.local", store).orElseThrow().ground());
        assertTrue(resolver.resolveAuthor("unseen", "x@laptop.local", store).isEmpty());
        assertEquals(Ground.NOREPLY, resolver.resolveAuthor(null, "7+ada@users.noreply.github.com", store)
                .orElseThrow().ground());
    }

    @Test
    void botsAreMarked() {
        assertTrue(resolve("49699333+dependabot[bot]@users.noreply.github.com").orElseThrow().bot());
        store.recordUsers(List.of(new UserSeen(9, "helper", true, T1)));
        assertTrue(resolve("9+helper@users.noreply.github.com").orElseThrow().bot(), "type Bot in the directory");
    }

    @Test
    void addresses() {
        assertTrue(EmailResolver.isAddress("a@b"));
        assertFalse(EmailResolver.isAddress("a b@c"));
        assertFalse(EmailResolver.isAddress("@c"));
        assertFalse(EmailResolver.isAddress("a@b@c"));
        assertTrue(EmailResolver.isNoreply("1+a@users.noreply.github.com"));
        assertFalse(EmailResolver.isNoreply("a@users.noreply.github.com.evil"));
    }
}
