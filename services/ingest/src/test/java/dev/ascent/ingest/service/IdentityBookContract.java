package dev.ascent.ingest.service;

import static dev.ascent.ingest.Webhooks.commit;
import static dev.ascent.ingest.Webhooks.hook;
import static dev.ascent.ingest.Webhooks.load;
import static dev.ascent.ingest.Webhooks.push;
import static dev.ascent.ingest.Webhooks.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ascent.ingest.Admin;
import dev.ascent.ingest.CommitCredit;
import dev.ascent.ingest.Ground;
import dev.ascent.ingest.Statement;
import dev.ascent.ingest.UserSeen;
import dev.ascent.ingest.mapping.WebhookMapper;
import dev.ascent.ingest.repository.IdentityStore;
import dev.ascent.proto.events.v1.ContributionRecorded;
import dev.ascent.ruleset.Ruleset;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The identity flows (pending co-authors, new evidence, admin links and unlinks, flag clears, the directory) over an
 * {@link IdentityStore}; run against the in-memory store and against MongoDB.
 */
abstract class IdentityBookContract {

    static final String MAIN = "refs/heads/master";
    static final String T = "2026-01-02T03:04:05Z";
    static final Admin ADMIN = new Admin(99, "root");
    static final Instant NOW = Instant.parse("2026-05-06T07:08:09.555Z");

    IdentityStore store;
    WebhookMapper mapper;
    IdentityBook book;
    /** Everything published, in order, as the ledger would receive it. */
    final List<ContributionRecorded> published = new ArrayList<>();

    protected abstract IdentityStore newStore();

    @BeforeEach
    void setUp() {
        store = newStore();
        Ruleset.Sources sources = Ruleset.loadDefault().sources();
        mapper = new WebhookMapper(sources, store);
        book = new IdentityBook(store, sources, Clock.fixed(NOW, ZoneOffset.UTC));
        seen(1, "ada");
        seen(2, "bob");
    }

    void seen(long id, String login) {
        store.recordUsers(List.of(new UserSeen(id, login, false, Instant.parse("2026-01-01T00:00:00Z"))));
    }

    List<ContributionRecorded> handle(String event, ObjectNode body) {
        List<ContributionRecorded> out = book.record(mapper.map(hook(event, body))).records();
        published.addAll(out);
        return out;
    }

    List<ContributionRecorded> pushPr(long number, String author, String authorEmail, String... trailers) {
        String message = "gh-1: Fix (#" + number + ")\n\n" + String.join("\n", trailers);
        return handle("push", push("python/cpython", MAIN, commit("sha" + number, message, T, author, authorEmail,
                author)));
    }

    List<ContributionRecorded> publish(List<ContributionRecorded> records) {
        published.addAll(records);
        return records;
    }

    static ContributionRecorded only(List<ContributionRecorded> records, String eventId) {
        List<ContributionRecorded> of = records.stream().filter(r -> r.getEventId().equals(eventId)).toList();
        assertEquals(1, of.size(), () -> eventId + " in " + records.stream().map(r -> r.getEventId() + "@"
                + r.getRevision()).toList());
        return of.get(0);
    }

    List<String> pendingEmails() {
        return book.pending(0, "").pending().stream().map(CommitCredit::email).toList();
    }

    /** The ledger's rule: per event id the highest revision, then the earliest occurred_at. */
    static Map<String, ContributionRecorded> fold(List<ContributionRecorded> records) {
        Map<String, ContributionRecorded> kept = new HashMap<>();
        for (ContributionRecorded r : records) {
            kept.merge(r.getEventId(), r, (a, b) -> {
                if (a.getRevision() != b.getRevision()) {
                    return a.getRevision() > b.getRevision() ? a : b;
                }
                return a.getOccurredAt().getSeconds() <= b.getOccurredAt().getSeconds() ? a : b;
            });
        }
        return kept;
    }

    /** What the ledger ends with: live event id → credit. */
    static Map<String, String> credited(List<ContributionRecorded> records) {
        return fold(records).values().stream().filter(r -> !r.getRetracted())
                .collect(Collectors.toMap(ContributionRecorded::getEventId, ContributionRecorded::getCredit));
    }

    // ------------------------------------------------------------------ new evidence

    @Test
    void aPendingCoAuthorIsCreditedWhenTheirOwnPushTiesTheEmail() {
        List<ContributionRecorded> first = pushPr(5, "ada", "ada@example.org", "Co-authored-by: Grace <grace@work.example>");
        assertEquals(List.of("pr.merged:python/cpython#5:1"), first.stream().map(ContributionRecorded::getEventId).toList());
        assertEquals(0, first.get(0).getRevision());
        assertEquals(List.of("grace@work.example"), pendingEmails());

        seen(3, "grace");
        List<ContributionRecorded> later = handle("push", push("python/cpython", MAIN,
                commit("g1", "gh-2: Other (#6)", T, "Grace", "grace@work.example", "grace")));
        assertEquals(0, only(later, "pr.merged:python/cpython#6:3").getRevision());
        ContributionRecorded past = only(later, "pr.merged:python/cpython#5:3");
        assertEquals("co-author", past.getCredit());
        assertTrue(past.getRevision() > 0);
        assertFalse(past.getRetracted());
        assertEquals(Instant.parse(T).getEpochSecond(), past.getOccurredAt().getSeconds(), "the commit's time");
        assertTrue(pendingEmails().isEmpty());
        assertEquals(Ground.OWN_COMMITS, store.evidence("grace@work.example").orElseThrow().ground());
    }

    @Test
    void aPendingLoginNoreplyAddressIsCreditedWhenTheLoginIsFirstSeen() {
        pushPr(5, "ada", "ada@example.org", "Co-authored-by: Grace <grace@users.noreply.github.com>");
        assertEquals(List.of("grace@users.noreply.github.com"), pendingEmails());
        ObjectNode comment = load("issue_comment-created");
        ((ObjectNode) comment.get("comment")).set("user", user("Grace", 3));
        List<ContributionRecorded> out = handle("issue_comment", comment);
        assertEquals("co-author", only(out, "pr.merged:python/cpython#5:3").getCredit());
        assertTrue(pendingEmails().isEmpty());
    }

    @Test
    void aCommitAuthorWhoseLoginIsNotSeenYetIsCreditedOnceItIs() {
        List<ContributionRecorded> first = pushPr(5, "grace", "grace@work.example");
        assertTrue(first.isEmpty());
        assertEquals(List.of("grace@work.example"), pendingEmails());
        assertEquals("author", book.pending(0, "").pending().get(0).credit());
        ObjectNode opened = load("issues-opened");
        ((ObjectNode) opened.get("issue")).set("user", user("grace", 3));
        List<ContributionRecorded> out = handle("issues", opened);
        assertEquals("author", only(out, "pr.merged:python/cpython#5:3").getCredit());
        assertEquals(3L, store.evidence("grace@work.example").orElseThrow().personId(), "pinned to the id");
    }

    // ------------------------------------------------------------------ links

    @Test
    void linkingCreditsPastCoAuthorshipsAndUnlinkingRetractsThem() {
        seen(3, "grace");
        pushPr(5, "ada", "ada@example.org", "Co-authored-by: G <g@example.org>");
        assertEquals(List.of("g@example.org"), pendingEmails());

        IdentityBook.LinkOutcome link = book.link("G@Example.org ", 3, ADMIN);
        publish(link.records());
        ContributionRecorded credit = only(link.records(), "pr.merged:python/cpython#5:3");
        assertEquals("co-author", credit.getCredit());
        assertEquals(link.link().revision(), credit.getRevision(), "the link's revision");
        assertEquals(Ground.ADMIN_LINK, link.link().ground());
        assertEquals(ADMIN, link.link().linkedBy());
        assertTrue(pendingEmails().isEmpty());

        // a later push naming the linked email: credited through the link, so at a revision too
        ContributionRecorded later = only(pushPr(7, "ada", "ada@example.org", "Co-authored-by: G <g@example.org>"),
                "pr.merged:python/cpython#7:3");
        assertTrue(later.getRevision() > credit.getRevision());

        IdentityBook.UnlinkOutcome unlink = book.unlink("g@example.org", ADMIN);
        publish(unlink.records());
        assertEquals(2, unlink.pendingAgain());
        assertEquals(2, unlink.records().size());
        for (ContributionRecorded r : unlink.records()) {
            assertTrue(r.getRetracted(), r.getEventId());
            assertTrue(r.getRevision() > later.getRevision());
            assertEquals(3, r.getContributor().getId());
        }
        assertEquals(List.of("g@example.org", "g@example.org"), pendingEmails());

        // linked again, to someone else: the old person's facts stay retracted, the new person's are credited
        seen(4, "gabriel");
        IdentityBook.LinkOutcome relink = book.link("g@example.org", 4, ADMIN);
        publish(relink.records());
        assertTrue(relink.link().revision() > unlink.records().get(0).getRevision());
        Map<String, String> expected = Map.of(
                "pr.merged:python/cpython#5:1", "author", "pr.merged:python/cpython#7:1", "author",
                "pr.merged:python/cpython#5:4", "co-author", "pr.merged:python/cpython#7:4", "co-author");
        assertEquals(expected, credited(published));
        // whatever order the ledger receives them in
        Random random = new Random(7);
        for (int i = 0; i < 20; i++) {
            List<ContributionRecorded> shuffled = new ArrayList<>(published);
            Collections.shuffle(shuffled, random);
            assertEquals(expected, credited(shuffled));
        }
    }

    @Test
    void linkingTheSameEmailToTheSamePersonAgainChangesNothing() {
        seen(3, "grace");
        pushPr(5, "ada", "ada@example.org", "Co-authored-by: G <g@example.org>");
        long revision = book.link("g@example.org", 3, ADMIN).link().revision();
        IdentityBook.LinkOutcome again = book.link("g@example.org", 3, ADMIN);
        assertFalse(again.changed());
        assertTrue(again.records().isEmpty());
        assertEquals(revision, again.link().revision());
    }

    @Test
    void resolvingAPendingCoAuthorLinksItsEmail() {
        seen(3, "grace");
        pushPr(5, "ada", "ada@example.org", "Co-authored-by: G <g@example.org>");
        pushPr(6, "bob", "bob@example.org", "Co-authored-by: G <g@example.org>");
        CommitCredit pending = book.pending(0, "").pending().get(0);
        IdentityBook.LinkOutcome o = book.resolvePending(pending.key(), 3, ADMIN);
        assertEquals(2, o.records().size(), "every pending credit of the email");
        IdentityException again = assertThrows(IdentityException.class,
                () -> book.resolvePending(pending.key(), 3, ADMIN));
        assertEquals(IdentityException.Reason.FAILED_PRECONDITION, again.reason());
        assertEquals(IdentityException.Reason.NOT_FOUND, assertThrows(IdentityException.class,
                () -> book.resolvePending("python/cpython#5:nobody@example.org", 3, ADMIN)).reason());
    }

    @Test
    void unlinkingRestatesAFactThePersonHoldsOnAnotherGround() {
        seen(3, "grace");
        assertEquals(0, only(handle("pull_request", mergedPr(5, user("grace", 3))), "pr.merged:python/cpython#5:3")
                .getRevision());
        // the squash commit's author: grace's laptop address, tied to no account
        handle("push", push("python/cpython", MAIN, commit("s5", "Fix (#5)", T, "Grace", "grace@laptop.local", null)));
        publish(book.link("grace@laptop.local", 3, ADMIN).records());
        IdentityBook.UnlinkOutcome unlink = book.unlink("grace@laptop.local", ADMIN);
        publish(unlink.records());
        assertTrue(unlink.records().stream().noneMatch(ContributionRecorded::getRetracted),
                "GitHub's PR author keeps the merge: " + unlink.records());
        assertEquals("author", credited(published).get("pr.merged:python/cpython#5:3"));
    }

    @Test
    void theirOwnEvidenceOverridesAnAdminsLink() {
        seen(3, "grace");
        seen(4, "gabriel");
        pushPr(5, "ada", "ada@example.org", "Co-authored-by: G <g@example.org>");
        publish(book.link("g@example.org", 4, ADMIN).records());
        // grace's own commit shows GitHub ties the address to her
        handle("push", push("python/cpython", MAIN, commit("g1", "Docs", T, "Grace", "g@example.org", "grace")));
        Map<String, String> now = credited(published);
        assertEquals("co-author", now.get("pr.merged:python/cpython#5:3"));
        assertFalse(now.containsKey("pr.merged:python/cpython#5:4"));
        IdentityException e = assertThrows(IdentityException.class, () -> book.unlink("g@example.org", ADMIN));
        assertEquals(IdentityException.Reason.FAILED_PRECONDITION, e.reason());
        assertTrue(e.getMessage().contains("cannot be unlinked by an admin"), e.getMessage());
    }

    @Test
    void ownEvidenceCannotBeUnlinkedOrOverriddenByAnAdmin() {
        seen(3, "grace");
        IdentityException noreply = assertThrows(IdentityException.class,
                () -> book.unlink("1+ada@users.noreply.github.com", ADMIN));
        assertEquals(IdentityException.Reason.FAILED_PRECONDITION, noreply.reason());
        assertEquals("1+ada@users.noreply.github.com belongs to ada (1) by a GitHub noreply address, not by an admin's "
                + "link: a person's own evidence cannot be unlinked by an admin", noreply.getMessage());
        handle("push", push("python/cpython", MAIN, commit("a1", "Docs", T, "Ada", "ada@example.org", "ada")));
        IdentityException commits = assertThrows(IdentityException.class, () -> book.unlink("ada@example.org", ADMIN));
        assertTrue(commits.getMessage().contains("by their own commits"), commits.getMessage());
        IdentityException override = assertThrows(IdentityException.class,
                () -> book.link("ada@example.org", 3, ADMIN));
        assertEquals(IdentityException.Reason.FAILED_PRECONDITION, override.reason());
        assertTrue(book.link("ada@example.org", 1, ADMIN).records().isEmpty(), "already hers: nothing to do");
    }

    @Test
    void linksAreValidated() {
        seen(3, "grace");
        seen(4, "gabriel");
        assertEquals(IdentityException.Reason.INVALID_ARGUMENT, reason(() -> book.link("not an email", 3, ADMIN)));
        assertEquals(IdentityException.Reason.INVALID_ARGUMENT, reason(() -> book.link("", 3, ADMIN)));
        assertEquals(IdentityException.Reason.INVALID_ARGUMENT, reason(() -> book.link("g@example.org", 0, ADMIN)));
        assertEquals(IdentityException.Reason.INVALID_ARGUMENT, reason(() -> book.link("g@example.org", 3, null)));
        assertEquals(IdentityException.Reason.NOT_FOUND, reason(() -> book.link("g@example.org", 404, ADMIN)));
        assertEquals(IdentityException.Reason.NOT_FOUND, reason(() -> book.unlink("g@example.org", ADMIN)));
        assertEquals(IdentityException.Reason.FAILED_PRECONDITION,
                reason(() -> book.link("someone@users.noreply.github.com", 3, ADMIN)));
        store.recordUsers(List.of(new UserSeen(5, "helper", true, NOW)));
        assertEquals(IdentityException.Reason.FAILED_PRECONDITION, reason(() -> book.link("h@example.org", 5, ADMIN)));
        book.link("g@example.org", 3, ADMIN);
        IdentityException taken = assertThrows(IdentityException.class, () -> book.link("g@example.org", 4, ADMIN));
        assertEquals("g@example.org is linked to grace (3); unlink it first", taken.getMessage());
    }

    static IdentityException.Reason reason(Runnable r) {
        return assertThrows(IdentityException.class, r::run).reason();
    }

    // ------------------------------------------------------------------ one fact, several grounds

    ObjectNode mergedPr(long number, ObjectNode author) {
        ObjectNode hook = load("pull_request-closed");
        ((ObjectNode) hook.get("repository")).put("full_name", "python/cpython");
        ObjectNode pr = (ObjectNode) hook.get("pull_request");
        pr.put("merged", true).put("merged_at", T).put("number", number).put("body", "");
        pr.set("user", author);
        pr.set("merged_by", author);
        return hook;
    }

    @Test
    void thePrsAuthorNamedAsACoAuthorByThePushStaysTheAuthorInEitherOrder() {
        handle("pull_request", mergedPr(5, user("ada", 1)));
        List<ContributionRecorded> push = pushPr(5, "bob", "bob@example.org",
                "Co-authored-by: Ada <1+ada@users.noreply.github.com>");
        ContributionRecorded ada = only(push, "pr.merged:python/cpython#5:1");
        assertEquals("author", ada.getCredit());
        assertTrue(ada.getRevision() > 0, "above the push's own record");
        assertEquals("author", credited(published).get("pr.merged:python/cpython#5:1"));

        published.clear();
        pushPr(8, "bob", "bob@example.org", "Co-authored-by: Ada <1+ada@users.noreply.github.com>");
        List<ContributionRecorded> webhook = handle("pull_request", mergedPr(8, user("ada", 1)));
        assertTrue(only(webhook, "pr.merged:python/cpython#8:1").getRevision() > 0);
        assertEquals("author", credited(published).get("pr.merged:python/cpython#8:1"));
    }

    @Test
    void aPendingEmailOfTheCommitsOwnAuthorIsCreditedOnceAsAuthor() {
        pushPr(5, "ada", "ada@example.org", "Co-authored-by: Ada L <ada@home.example>");
        publish(book.link("ada@home.example", 1, ADMIN).records());
        assertEquals(Map.of("pr.merged:python/cpython#5:1", "author"), credited(published));
        publish(book.unlink("ada@home.example", ADMIN).records());
        assertEquals(Map.of("pr.merged:python/cpython#5:1", "author"), credited(published), "her own commit stands");
    }

    @Test
    void aRedeliveredPushRestatesNothingNew() {
        seen(3, "grace");
        pushPr(5, "ada", "ada@example.org", "Co-authored-by: G <g@example.org>");
        book.link("g@example.org", 3, ADMIN);
        List<ContributionRecorded> again = pushPr(5, "ada", "ada@example.org", "Co-authored-by: G <g@example.org>");
        assertEquals(List.of("pr.merged:python/cpython#5:1"), again.stream().map(ContributionRecorded::getEventId)
                .toList(), "grace's stands as stated at the link");
    }

    // ------------------------------------------------------------------ pending list, flags, directory

    @Test
    void pendingCoAuthorsComeNewestFirstInPages() {
        for (int i = 1; i <= 5; i++) {
            handle("push", push("python/cpython", MAIN, commit("s" + i, "Fix (#" + i + ")\n\nCo-authored-by: X <x"
                    + i + "@example.org>", "2026-01-0" + i + "T00:00:00Z", "Ada", "ada@example.org", "ada")));
        }
        // two at one time: ordered by id
        handle("push", push("python/cpython", MAIN, commit("s9", "Fix (#9)\n\nCo-authored-by: Y <y@example.org>",
                "2026-01-05T00:00:00Z", "Ada", "ada@example.org", "ada")));
        List<String> seenEmails = new ArrayList<>();
        String token = "";
        int pages = 0;
        do {
            IdentityBook.PendingPage page = book.pending(2, token);
            assertEquals(6, page.totalSize());
            page.pending().forEach(c -> seenEmails.add(c.email()));
            token = page.nextPageToken();
            pages++;
        } while (!token.isEmpty());
        assertEquals(3, pages);
        assertEquals(List.of("x5@example.org", "y@example.org", "x4@example.org", "x3@example.org", "x2@example.org",
                "x1@example.org"), seenEmails);
        assertEquals(IdentityException.Reason.INVALID_ARGUMENT, reason(() -> book.pending(501, "")));
        assertEquals(IdentityException.Reason.INVALID_ARGUMENT, reason(() -> book.pending(-1, "")));
        assertEquals(IdentityException.Reason.INVALID_ARGUMENT, reason(() -> book.pending(2, "not-a-token!")));
    }

    @Test
    void clearingAFlagIsAStatementUntilKafkaAcknowledgesIt() {
        ContributionRecorded c = book.clearFlag(2, ADMIN);
        assertEquals("flag.cleared:2@2026-05-06T07:08:09Z", c.getEventId());
        assertEquals("flag.cleared", c.getKind());
        assertEquals(2, c.getContributor().getId());
        assertEquals(99, c.getActor().getId());
        assertEquals(NOW.getEpochSecond(), c.getOccurredAt().getSeconds());
        assertEquals(0, c.getOccurredAt().getNanos());
        assertEquals(List.of(c.getEventId()), store.unpublished(10).stream().map(Statement::eventId).toList());
        store.markPublished(c.getEventId(), 0);
        assertTrue(store.unpublished(10).isEmpty());
        assertEquals(IdentityException.Reason.NOT_FOUND, reason(() -> book.clearFlag(404, ADMIN)));
        assertEquals(IdentityException.Reason.INVALID_ARGUMENT, reason(() -> book.clearFlag(2, new Admin(0, ""))));
    }

    @Test
    void restatementsStayUnpublishedUntilMarkedAtTheirRevision() {
        seen(3, "grace");
        pushPr(5, "ada", "ada@example.org", "Co-authored-by: G <g@example.org>");
        ContributionRecorded credit = book.link("g@example.org", 3, ADMIN).records().get(0);
        ContributionRecorded retraction = book.unlink("g@example.org", ADMIN).records().get(0);
        store.markPublished(credit.getEventId(), credit.getRevision()); // the older ack arrives late
        List<Statement> open = store.unpublished(10);
        assertEquals(1, open.size());
        assertEquals(retraction, open.get(0).record());
        store.markPublished(retraction.getEventId(), retraction.getRevision());
        assertTrue(store.unpublished(10).isEmpty());
        assertNotEquals(store.nextRevision(), store.nextRevision());
    }

    @Test
    void aRenameKeepsThePerson() {
        store.recordUsers(List.of(new UserSeen(7, "old-name", false, Instant.parse("2026-01-01T00:00:00Z"))));
        store.recordUsers(List.of(new UserSeen(7, "New-Name", false, Instant.parse("2026-02-01T00:00:00Z"))));
        store.recordUsers(List.of(new UserSeen(7, "old-name", false, Instant.parse("2025-12-01T00:00:00Z"))));
        IdentityBook.PersonView byOld = book.person(null, "OLD-NAME");
        assertEquals(7, byOld.person().id());
        assertEquals("New-Name", byOld.person().login());
        assertEquals(List.of("New-Name", "old-name"), byOld.logins().stream().map(l -> l.login()).toList());
        assertEquals(Instant.parse("2025-12-01T00:00:00Z"), byOld.logins().get(1).firstSeen());
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), byOld.logins().get(1).lastSeen());
        assertEquals(7, book.person(7L, null).person().id());
        assertEquals(IdentityException.Reason.NOT_FOUND, reason(() -> book.person(null, "nobody")));
        assertEquals(IdentityException.Reason.INVALID_ARGUMENT, reason(() -> book.person(null, null)));
        assertEquals(IdentityException.Reason.INVALID_ARGUMENT, reason(() -> book.person(null, " ")));
    }

    @Test
    void theDirectoryListsAPersonsStoredEmails() {
        seen(3, "grace");
        handle("push", push("python/cpython", MAIN, commit("g1", "Docs", T, "Grace", "grace@work.example", "grace")));
        pushPr(5, "ada", "ada@example.org", "Co-authored-by: G <g@example.org>");
        book.link("g@example.org", 3, ADMIN);
        assertEquals(List.of("g@example.org:ADMIN_LINK", "grace@work.example:OWN_COMMITS"), book.person(3L, null)
                .emails().stream().map(e -> e.email() + ":" + e.ground()).toList());
    }
}
