package dev.ascent.patchrunner.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ascent.patchrunner.Person;
import dev.ascent.patchrunner.PullRequest;
import dev.ascent.patchrunner.PullRequestEvent;
import dev.ascent.patchrunner.Standing;
import dev.ascent.patchrunner.client.LedgerUnavailableException;
import dev.ascent.ruleset.Ruleset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The trigger decision: action × who the author or labeler is × repository × label. */
class TriggerPolicyTest {

    static final Person NEWCOMER = new Person(1, "newbie");
    static final Person CONTRIBUTOR = new Person(2, "contrib");
    static final Person CORE = new Person(3, "core");
    static final Person BOT = new Person(4, "dependabot[bot]");
    static final Person RENAMED = new Person(5, "renamed");

    final TrustRule trust = new TrustRule(RoleLadder.of(Ruleset.loadDefault(), "contributor"));
    final TriggerPolicy policy = new TriggerPolicy(Set.of("python/cpython"), "test-with-ascent", trust);
    final List<String> asked = new ArrayList<>();

    // the ledger as the service sees it: the rule applied to the standings it holds
    final Map<String, Standing> standings = Map.of(
            "newbie", new Standing("newbie", 1, "newcomer"),
            "contrib", new Standing("contrib", 2, "contributor"),
            "core", new Standing("core", 3, "core-developer"),
            "renamed", new Standing("renamed", 999, "core-developer"));
    final Function<Person, Trust> ledger = p -> {
        asked.add(p.login());
        return trust.byStanding(p, Optional.ofNullable(standings.get(p.login())));
    };

    static PullRequestEvent event(String action, Person author, String association, boolean authorBot,
            Person sender, boolean senderBot, String label) {
        return event("python/cpython", action, author, association, authorBot, sender, senderBot, label, true);
    }

    static PullRequestEvent event(String repo, String action, Person author, String association, boolean authorBot,
            Person sender, boolean senderBot, String label, boolean open) {
        PullRequest pr = new PullRequest(repo, 7, "abc", "main", "https://github.com/" + repo + "/pull/7.diff",
                "https://github.com/" + repo + "/pull/7", author, authorBot, association, open,
                Instant.parse("2026-01-01T00:00:00Z"));
        return new PullRequestEvent("d-1", action, pr, sender, senderBot, label);
    }

    @ParameterizedTest
    @ValueSource(strings = {"OWNER", "MEMBER", "COLLABORATOR", "member"})
    void anAuthorTrustedByAssociationRunsWithoutAskingTheLedger(String association) {
        TriggerDecision d = policy.decide(event("opened", NEWCOMER, association, false, NEWCOMER, false, null),
                ledger);
        assertTrue(d.startsRun());
        assertEquals("opened by a trusted author (" + association.toUpperCase() + ")", d.trigger());
        assertEquals(NEWCOMER, d.requestedBy());
        assertEquals(List.of(), asked);
    }

    @ParameterizedTest
    @ValueSource(strings = {"opened", "reopened", "synchronize"})
    void anAuthorWithTheTrustedRoleOrAboveRuns(String action) {
        TriggerDecision c = policy.decide(event(action, CONTRIBUTOR, "CONTRIBUTOR", false, CONTRIBUTOR, false, null),
                ledger);
        TriggerDecision core = policy.decide(event(action, CORE, "NONE", false, CORE, false, null), ledger);
        assertTrue(c.startsRun());
        assertTrue(core.startsRun());
        assertTrue(c.trigger().contains("role contributor"), c.trigger());
        assertTrue(core.trigger().contains("role core-developer"), core.trigger());
        assertEquals(List.of("contrib", "core"), asked);
    }

    @Test
    void aPushCancelsTheRunsInProgressWhetherOrNotItRuns() {
        TriggerDecision trusted = policy.decide(event("synchronize", CORE, "NONE", false, CORE, false, null), ledger);
        TriggerDecision untrusted = policy.decide(event("synchronize", NEWCOMER, "NONE", false, NEWCOMER, false,
                null), ledger);
        assertTrue(trusted.startsRun());
        assertEquals(TriggerPolicy.NEWER_PUSH, trusted.cancelNow());
        assertFalse(untrusted.startsRun());
        assertEquals(TriggerPolicy.NEWER_PUSH, untrusted.cancelNow());
    }

    @Test
    void aNewRunSupersedesTheRunsInProgress() {
        TriggerDecision d = policy.decide(event("reopened", CORE, "NONE", false, CORE, false, null), ledger);
        assertEquals("cancelled by a newer run: reopened; its author is trusted (role core-developer)",
                d.cancelNow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"opened", "reopened"})
    void anUntrustedAuthorsPullRequestDoesNotRunByItself(String action) {
        TriggerDecision d = policy.decide(event(action, NEWCOMER, "FIRST_TIME_CONTRIBUTOR", false, NEWCOMER, false,
                null), ledger);
        assertFalse(d.startsRun());
        assertNull(d.cancelNow());
        assertTrue(d.note().contains("newbie is not trusted (role newcomer)"), d.note());
        assertTrue(d.note().contains("test-with-ascent"), d.note());
    }

    @Test
    void someoneTheLedgerDoesNotKnowIsNotTrusted() {
        Person stranger = new Person(77, "stranger");
        TriggerDecision d = policy.decide(event("opened", stranger, "NONE", false, stranger, false, null), ledger);
        assertFalse(d.startsRun());
        assertTrue(d.note().contains("no recorded contribution"), d.note());
    }

    @Test
    void aLoginTheLedgerKnowsUnderAnotherGithubIdIsNotTrusted() {
        TriggerDecision d = policy.decide(event("opened", RENAMED, "NONE", false, RENAMED, false, null), ledger);
        assertFalse(d.startsRun());
        assertTrue(d.note().contains("is GitHub user 999, not 5"), d.note());
    }

    @Test
    void aBotAuthorIsNeverTrustedEvenAsAMember() {
        TriggerDecision d = policy.decide(event("opened", BOT, "MEMBER", true, BOT, true, null), ledger);
        assertFalse(d.startsRun());
        assertTrue(d.note().contains("a bot"), d.note());
        assertEquals(List.of(), asked);
    }

    @Test
    void theTriggerLabelByATrustedPersonRunsAnUntrustedAuthorsHead() {
        TriggerDecision d = policy.decide(event("labeled", NEWCOMER, "NONE", false, CONTRIBUTOR, false,
                "Test-With-Ascent"), ledger);
        assertTrue(d.startsRun());
        assertEquals(CONTRIBUTOR, d.requestedBy());
        assertEquals("label test-with-ascent added by contrib (role contributor)", d.trigger());
        assertEquals(List.of("contrib"), asked);
    }

    @Test
    void theTriggerLabelOfABotsPullRequestByATrustedPersonRuns() {
        TriggerDecision d = policy.decide(event("labeled", BOT, "NONE", true, CORE, false, "test-with-ascent"),
                ledger);
        assertTrue(d.startsRun());
    }

    @Test
    void theTriggerLabelByAnUntrustedPersonDoesNothing() {
        TriggerDecision d = policy.decide(event("labeled", NEWCOMER, "NONE", false, NEWCOMER, false,
                "test-with-ascent"), ledger);
        assertFalse(d.startsRun());
        assertNull(d.cancelNow());
        assertTrue(d.note().contains("not trusted (role newcomer)"), d.note());
    }

    @Test
    void theTriggerLabelTrustsTheLedgerOnlyNotTheAuthorsAssociation() {
        // the sender is the PR's author, a MEMBER by association, but the ledger has not seen them
        Person member = new Person(88, "member");
        TriggerDecision d = policy.decide(event("labeled", member, "MEMBER", false, member, false,
                "test-with-ascent"), ledger);
        assertFalse(d.startsRun());
    }

    @Test
    void theTriggerLabelByABotDoesNothingAndAsksNoOne() {
        TriggerDecision d = policy.decide(event("labeled", NEWCOMER, "NONE", false, BOT, true, "test-with-ascent"),
                ledger);
        assertFalse(d.startsRun());
        assertEquals(List.of(), asked);
    }

    @Test
    void anotherLabelDoesNothingAndAsksNoOne() {
        TriggerDecision d = policy.decide(event("labeled", NEWCOMER, "NONE", false, CORE, false, "type-bug"),
                ledger);
        assertFalse(d.startsRun());
        assertNull(d.cancelNow());
        assertEquals(List.of(), asked);
    }

    @Test
    void aLaterPushOfAnUntrustedAuthorDoesNotRunThoughTheLabelIsStillThere() {
        // the label approved the head of its moment; the payload of the push still carries it
        TriggerDecision d = policy.decide(event("synchronize", NEWCOMER, "NONE", false, NEWCOMER, false, null),
                ledger);
        assertFalse(d.startsRun());
        assertEquals(TriggerPolicy.NEWER_PUSH, d.cancelNow());
    }

    @Test
    void closingCancelsAndStartsNothing() {
        TriggerDecision d = policy.decide(event("python/cpython", "closed", CORE, "MEMBER", false, CORE, false, null,
                false), ledger);
        assertFalse(d.startsRun());
        assertEquals(TriggerPolicy.CLOSED, d.cancelNow());
        assertEquals(List.of(), asked);
    }

    @Test
    void aLabelOnAClosedPullRequestDoesNothing() {
        TriggerDecision d = policy.decide(event("python/cpython", "labeled", NEWCOMER, "NONE", false, CORE, false,
                "test-with-ascent", false), ledger);
        assertFalse(d.startsRun());
    }

    @Test
    void anUnservedRepositoryDoesNothingAtAll() {
        for (String action : List.of("opened", "synchronize", "closed", "labeled")) {
            TriggerDecision d = policy.decide(event("someone/fork", action, CORE, "OWNER", false, CORE, false,
                    "test-with-ascent", true), ledger);
            assertFalse(d.startsRun(), action);
            assertNull(d.cancelNow(), action);
        }
        assertTrue(policy.serves("Python/CPython"));
        assertFalse(policy.serves("someone/fork"));
        assertEquals(List.of(), asked);
    }

    @ParameterizedTest
    @ValueSource(strings = {"edited", "unlabeled", "assigned", "ready_for_review"})
    void otherActionsStartNothing(String action) {
        TriggerDecision d = policy.decide(event(action, CORE, "OWNER", false, CORE, false, "test-with-ascent"),
                ledger);
        assertFalse(d.startsRun());
        assertNull(d.cancelNow());
    }

    @Test
    void anUnreachableLedgerIsNotTakenForUntrusted() {
        Function<Person, Trust> down = p -> {
            throw new LedgerUnavailableException("UNAVAILABLE", null);
        };
        assertThrows(LedgerUnavailableException.class, () -> policy.decide(event("opened", NEWCOMER, "NONE", false,
                NEWCOMER, false, null), down));
        assertThrows(LedgerUnavailableException.class, () -> policy.decide(event("labeled", NEWCOMER, "NONE", false,
                CORE, false, "test-with-ascent"), down));
    }
}
