package dev.ascent.ingest.mapping;

import static dev.ascent.ingest.Webhooks.RECEIVED;
import static dev.ascent.ingest.Webhooks.bot;
import static dev.ascent.ingest.Webhooks.commit;
import static dev.ascent.ingest.Webhooks.hook;
import static dev.ascent.ingest.Webhooks.load;
import static dev.ascent.ingest.Webhooks.push;
import static dev.ascent.ingest.Webhooks.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ascent.ingest.CommitCredit;
import dev.ascent.ingest.EmailEvidence;
import dev.ascent.ingest.Ground;
import dev.ascent.ingest.RawWebhook;
import dev.ascent.ingest.UserSeen;
import dev.ascent.ingest.repository.InMemoryIdentityStore;
import dev.ascent.proto.events.v1.ContributionRecorded;
import dev.ascent.ruleset.Ruleset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class WebhookMapperTest {

    static final long CODERTOCAT = 21031067;
    static final String REPO = "codertocat/hello-world";

    final InMemoryIdentityStore store = new InMemoryIdentityStore();
    final WebhookMapper mapper = new WebhookMapper(Ruleset.loadDefault().sources(), store);

    WebhookMapper.Result map(String event, ObjectNode body) {
        return mapper.map(hook(event, body));
    }

    static long seconds(String iso) {
        return Instant.parse(iso).getEpochSecond();
    }

    static Set<String> ids(WebhookMapper.Result r) {
        return r.contributions().stream().map(ContributionRecorded::getEventId).collect(Collectors.toSet());
    }

    // ------------------------------------------------------------------ issues

    @Test
    void anOpenedIssueCreditsItsAuthor() {
        ContributionRecorded c = map("issues", load("issues-opened")).contributions().get(0);
        assertEquals("issue.opened", c.getKind());
        assertEquals("issue.opened:" + REPO + "#1:" + CODERTOCAT, c.getEventId());
        assertEquals("delivery-issues", c.getSourceDeliveryId());
    }

    static ObjectNode labeled(String label, ObjectNode sender) {
        ObjectNode body = load("issues-labeled");
        ((ObjectNode) body.get("label")).put("name", label);
        body.set("sender", sender);
        return body;
    }

    @Test
    void aTriageLabelByAnotherPersonCreditsTheLabeler() {
        WebhookMapper.Result r = map("issues", labeled("type-bug", user("ada", 2)));
        ContributionRecorded c = r.contributions().get(0);
        assertEquals("issue.triaged:" + REPO + "#1:2", c.getEventId());
        assertEquals("issue.triaged", c.getKind());
        assertEquals(2, c.getContributor().getId());
        assertEquals("type-bug", c.getDetail());
        assertEquals(seconds("2019-05-15T15:20:18Z"), c.getOccurredAt().getSeconds(), "the issue's updated_at");
        assertEquals("https://github.com/Codertocat/Hello-World/issues/1", c.getUrl());
        assertEquals(CODERTOCAT, c.getTarget().getAuthor().getId());
        for (String label : List.of("3.13", "OS-windows", "expert-asyncio", "DOCS", "release-blocker")) {
            assertEquals(1, map("issues", labeled(label, user("ada", 2))).contributions().size(), label);
        }
    }

    @Test
    void aLabelThatIsNotTriageOrByTheAuthorIsNothing() {
        WebhookMapper.Result bug = map("issues", load("issues-labeled")); // the real example: "bug", by the author
        assertTrue(bug.contributions().isEmpty());
        assertEquals("label bug is not a triage label", bug.ignored());
        WebhookMapper.Result own = map("issues", labeled("type-bug", user("Codertocat", CODERTOCAT)));
        assertTrue(own.contributions().isEmpty());
        assertEquals("an issue's author labeling their own issue is not triage", own.ignored());
        assertTrue(map("issues", labeled("docs-foo", user("ada", 2))).contributions().isEmpty());
    }

    @Test
    void aBotLabelingIsSkipped() {
        WebhookMapper.Result typed = map("issues", labeled("type-bug", bot("bedevere-app[bot]", 9)));
        assertTrue(typed.contributions().isEmpty());
        assertEquals(1, typed.skippedBots());
        assertNull(typed.ignored());
        assertEquals(1, map("issues", labeled("type-bug", user("bedevere-bot", 10))).skippedBots(), "the ruleset's list");
    }

    static ObjectNode closed(String reason, ObjectNode sender) {
        ObjectNode body = load("issues-labeled");
        body.put("action", "closed");
        body.remove("label");
        ObjectNode issue = (ObjectNode) body.get("issue");
        issue.put("state", "closed").put("closed_at", "2019-05-16T10:00:00Z");
        if (reason == null) {
            issue.putNull("state_reason");
        } else {
            issue.put("state_reason", reason);
        }
        body.set("sender", sender);
        return body;
    }

    @Test
    void closingAsNotPlannedOrDuplicateByAnotherPersonIsATriageClose() {
        ContributionRecorded c = map("issues", closed("not_planned", user("ada", 2))).contributions().get(0);
        assertEquals("issue.closed_by_triage:" + REPO + "#1:2", c.getEventId());
        assertEquals("not_planned", c.getDetail());
        assertEquals(seconds("2019-05-16T10:00:00Z"), c.getOccurredAt().getSeconds(), "closed_at");
        assertEquals("duplicate", map("issues", closed("duplicate", user("ada", 2))).contributions().get(0).getDetail());
    }

    @Test
    void closingAsCompletedOrByTheAuthorIsNothing() {
        WebhookMapper.Result completed = map("issues", closed("completed", user("ada", 2)));
        assertTrue(completed.contributions().isEmpty());
        assertEquals("an issue closed as completed is not a triage close", completed.ignored());
        assertTrue(map("issues", closed(null, user("ada", 2))).contributions().isEmpty());
        WebhookMapper.Result own = map("issues", closed("not_planned", user("Codertocat", CODERTOCAT)));
        assertTrue(own.contributions().isEmpty());
        assertEquals("an issue's author closing their own issue is not triage", own.ignored());
        assertEquals(1, map("issues", closed("not_planned", bot("github-actions[bot]", 41898282))).skippedBots());
    }

    @Test
    void aTriageCloseWithoutClosedAtIsMalformed() {
        ObjectNode body = closed("not_planned", user("ada", 2));
        ((ObjectNode) body.get("issue")).putNull("closed_at");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> map("issues", body));
        assertEquals("payload lacks closed_at", e.getMessage());
    }

    @Test
    void commentsAreDistinctFactsPerComment() {
        ContributionRecorded c = map("issue_comment", load("issue_comment-created")).contributions().get(0);
        assertEquals("issue.commented:" + REPO + "#1:" + CODERTOCAT + ":c492700400", c.getEventId());
        assertEquals(seconds("2019-05-15T15:20:21Z"), c.getOccurredAt().getSeconds());
    }

    // ------------------------------------------------------------------ pull requests

    static ObjectNode merged(ObjectNode author, ObjectNode merger, String body) {
        ObjectNode hook = load("pull_request-closed");
        ObjectNode pr = (ObjectNode) hook.get("pull_request");
        pr.put("merged", true).put("merged_at", "2019-05-15T15:21:18Z").put("body", body);
        pr.set("user", author);
        pr.set("merged_by", merger);
        return hook;
    }

    @Test
    void aMergeCreditsTheAuthorAndTheMerger() {
        WebhookMapper.Result r = map("pull_request", merged(user("ada", 1), user("bob", 2), ""));
        assertEquals(2, r.contributions().size());
        ContributionRecorded m = r.contributions().get(0);
        assertEquals("pr.merged:" + REPO + "#2:1", m.getEventId());
        assertEquals("author", m.getCredit());
        assertEquals(seconds("2019-05-15T15:21:18Z"), m.getOccurredAt().getSeconds());
        assertEquals("https://github.com/Codertocat/Hello-World/pull/2", m.getUrl());
        assertEquals("pr.merged_other:" + REPO + "#2:2", r.contributions().get(1).getEventId());
        assertEquals(1, r.mergedPrs().size());
        assertEquals(1, r.mergedPrs().get(0).authorId());
    }

    @Test
    void aSelfMergeIsOneMergeAndNoMergeOfAnother() {
        WebhookMapper.Result r = map("pull_request", merged(user("ada", 1), user("ada", 1), ""));
        assertEquals(List.of("pr.merged:" + REPO + "#2:1"), r.contributions().stream()
                .map(ContributionRecorded::getEventId).toList());
    }

    @Test
    void aBotMergingGivesTheAuthorTheMergeAndABotsPrGivesTheMergerTheirs() {
        WebhookMapper.Result botMerger = map("pull_request", merged(user("ada", 1), user("miss-islington", 3), ""));
        assertEquals(Set.of("pr.merged:" + REPO + "#2:1"), ids(botMerger));
        assertEquals(1, botMerger.skippedBots());
        WebhookMapper.Result botAuthor = map("pull_request", merged(bot("dependabot[bot]", 49699333), user("bob", 2), ""));
        assertEquals(Set.of("pr.merged_other:" + REPO + "#2:2"), ids(botAuthor));
        assertEquals(1, botAuthor.skippedBots());
        assertTrue(botAuthor.contributions().get(0).getTarget().getAuthorIsBot());
    }

    @Test
    void aPullRequestClosedUnmergedIsNothing() {
        WebhookMapper.Result r = map("pull_request", load("pull_request-closed")); // the real example: merged false
        assertTrue(r.contributions().isEmpty());
        assertEquals("a pull request closed without merging scores nothing", r.ignored());
    }

    @Test
    void aMergedRevertNamesTheRevertedPrWithoutAContributor() {
        WebhookMapper.Result r = map("pull_request", merged(user("ada", 1), user("bob", 2),
                "Reverts Python/CPython#123\n\nIt broke the buildbots."));
        ContributionRecorded rev = r.contributions().stream().filter(c -> c.getKind().equals("pr.reverted"))
                .findFirst().orElseThrow();
        assertEquals("pr.reverted:python/cpython#123", rev.getEventId());
        assertFalse(rev.hasContributor(), "the ledger credits #123's author");
        assertEquals(1, rev.getActor().getId());
        assertEquals("python/cpython", rev.getTarget().getRepository());
        assertEquals(123, rev.getTarget().getNumber());
        assertEquals("https://github.com/python/cpython/pull/123", rev.getTarget().getUrl());
        assertEquals("https://github.com/Codertocat/Hello-World/pull/2", rev.getUrl());
        assertEquals(seconds("2019-05-15T15:21:18Z"), rev.getOccurredAt().getSeconds());
        assertEquals(Set.of("pr.merged:" + REPO + "#2:1", "pr.merged_other:" + REPO + "#2:2",
                "pr.reverted:python/cpython#123"), ids(r));
    }

    @Test
    void revertBodyForms() {
        assertEquals(Set.of("pr.reverted:" + REPO + "#1"), reverted("reverts #1"), "bare #N: the same repository");
        assertEquals(Set.of("pr.reverted:" + REPO + "#1"), reverted("REVERTS codertocat/hello-world#1"));
        assertEquals(Set.of("pr.reverted:" + REPO + "#1", "pr.reverted:python/cpython#7"),
                reverted("Reverts #1\nReverts python/cpython#7\nReverts #1"));
        assertEquals(Set.of(), reverted("This partly reverts #1, see there."), "prose is not a revert");
        assertEquals(Set.of(), reverted("Reverts #2"), "the PR itself");
        assertEquals(Set.of(), reverted("Reverted #1"));
        ObjectNode unmerged = load("pull_request-closed");
        ((ObjectNode) unmerged.get("pull_request")).put("body", "Reverts #1");
        assertTrue(map("pull_request", unmerged).contributions().isEmpty());
    }

    Set<String> reverted(String body) {
        return ids(map("pull_request", merged(user("ada", 1), user("ada", 1), body))).stream()
                .filter(id -> id.startsWith("pr.reverted")).collect(Collectors.toSet());
    }

    static ObjectNode prLabeled(String label, ObjectNode author) {
        ObjectNode body = load("pull_request-labeled");
        ((ObjectNode) body.get("label")).put("name", label);
        ((ObjectNode) body.get("pull_request")).set("user", author);
        return body;
    }

    @Test
    void aFlagLabelCreditsThePrsAuthor() {
        assertEquals("label bug does not flag a pull request", map("pull_request", load("pull_request-labeled")).ignored());
        ObjectNode body = prLabeled("invalid", user("ada", 1));
        body.set("sender", user("bob", 2));
        ContributionRecorded c = map("pull_request", body).contributions().get(0);
        assertEquals("pr.flagged:" + REPO + "#2:1", c.getEventId());
        assertEquals(1, c.getContributor().getId());
        assertEquals("invalid", c.getDetail());
        String updatedAt = load("pull_request-labeled").get("pull_request").get("updated_at").asText();
        assertEquals(seconds(updatedAt), c.getOccurredAt().getSeconds(), "the PR's updated_at");
        assertEquals("Spam", map("pull_request", prLabeled("Spam", user("ada", 1))).contributions().get(0).getDetail());
        assertEquals(1, map("pull_request", prLabeled("spam", bot("dependabot[bot]", 49699333))).skippedBots());
    }

    @Test
    void readyForReviewIsTheOpeningAndDraftsWait() {
        ObjectNode opened = load("pull_request-opened");
        assertEquals("pr.opened:" + REPO + "#2:" + CODERTOCAT, map("pull_request", opened).contributions().get(0)
                .getEventId());
        ((ObjectNode) opened.get("pull_request")).put("draft", true);
        assertTrue(map("pull_request", opened).contributions().isEmpty());
    }

    @Test
    void reviewsOfOnesOwnPullRequestAndBotsAreNotCredited() {
        ObjectNode own = load("pull_request_review-submitted"); // the real example: the author commenting
        assertEquals("a review of one's own pull request scores nothing", map("pull_request_review", own).ignored());
        ObjectNode other = load("pull_request_review-submitted");
        ((ObjectNode) other.get("review")).set("user", user("bob", 2));
        ((ObjectNode) other.get("review")).put("state", "APPROVED");
        ContributionRecorded r = map("pull_request_review", other).contributions().get(0);
        assertEquals("pr.reviewed:" + REPO + "#2:2:r237895671", r.getEventId());
        assertEquals("approved", r.getReviewState());
        ((ObjectNode) other.get("review")).set("user", bot("helper[bot]", 5));
        assertEquals(1, map("pull_request_review", other).skippedBots());
    }

    // ------------------------------------------------------------------ membership

    @Test
    void aMemberAddedJoinsTheTeamAtTheReceiptTime() {
        ContributionRecorded c = map("membership", load("membership-added")).contributions().get(0);
        assertEquals("team.joined:octocoders/github:" + CODERTOCAT + "@2026-03-04T05:06:07Z", c.getEventId());
        assertEquals("team.joined", c.getKind());
        assertEquals("octocoders/github", c.getTeam());
        assertEquals(RECEIVED.getEpochSecond(), c.getOccurredAt().getSeconds());
        assertEquals(0, c.getOccurredAt().getNanos(), "to the second, as the id");
        assertEquals("https://github.com/orgs/Octocoders/teams/github", c.getUrl());
    }

    @Test
    void aTeamWithoutSlugIsNamedByItsName() {
        ContributionRecorded c = map("membership", load("membership-removed-deleted-team")).contributions().get(0);
        assertEquals("team.left:octocoders/github:" + CODERTOCAT + "@2026-03-04T05:06:07Z", c.getEventId());
        ObjectNode spaced = load("membership-added");
        ObjectNode team = (ObjectNode) spaced.get("team");
        team.remove("slug");
        team.put("name", "Python Core");
        assertEquals("octocoders/python-core", map("membership", spaced).contributions().get(0).getTeam());
    }

    @Test
    void aBotMemberIsSkippedAndAMembershipWithoutOrganizationIsMalformed() {
        ObjectNode b = load("membership-added");
        b.set("member", bot("renovate[bot]", 29139614));
        assertEquals(1, map("membership", b).skippedBots());
        ObjectNode noOrg = load("membership-added");
        noOrg.remove("organization");
        assertEquals("payload lacks organization",
                assertThrows(IllegalArgumentException.class, () -> map("membership", noOrg)).getMessage());
    }

    // ------------------------------------------------------------------ push

    static final String MAIN = "refs/heads/master"; // the example repository's default branch

    @Test
    void aPushWhoseCommitsNameNoPrIsNothingAndOtherBranchesAreNothing() {
        assertEquals("no commit of the push names a pull request", map("push", load("push-default-branch")).ignored());
        assertEquals("a push to refs/tags/simple-tag is not to the default branch master",
                map("push", load("push-tag")).ignored());
        ObjectNode c = commit("a1", "gh-1: Fix it (#5)", "2026-01-02T03:04:05Z", "Ada", "ada@example.org", "ada");
        WebhookMapper.Result other = map("push", push("Python/CPython", "refs/heads/3.13", c));
        assertTrue(other.contributions().isEmpty());
        assertTrue(other.commitCredits().isEmpty());
        assertEquals("a push to refs/heads/3.13 is not to the default branch master", other.ignored());
    }

    @Test
    void aMergeCommitCreditsItsAuthorWithThePullRequestsId() {
        store.recordUsers(List.of(new UserSeen(1, "ada", false, RECEIVED)));
        ObjectNode c = commit("a1", "gh-100: Fix the thing (#5)\n\nLonger text.", "2026-01-02T04:04:05+01:00", "Ada L",
                "ada@example.org", "ada");
        WebhookMapper.Result r = map("push", push("Python/CPython", MAIN, c));
        ContributionRecorded m = r.contributions().get(0);
        assertEquals("pr.merged:python/cpython#5:1", m.getEventId(), "the same id as the pull_request webhook's");
        assertEquals("author", m.getCredit());
        assertEquals(seconds("2026-01-02T03:04:05Z"), m.getOccurredAt().getSeconds(), "the commit's timestamp in UTC");
        assertEquals("https://github.com/python/cpython/pull/5", m.getUrl());
        assertEquals(List.of(new WebhookMapper.CommitEmail("ada@example.org", "ada", RECEIVED)), r.commitEmails());
        assertEquals(Ground.USERNAME, r.commitCredits().get(0).ground());
    }

    @Test
    void subjectForms() {
        store.recordUsers(List.of(new UserSeen(1, "ada", false, RECEIVED)));
        for (String subject : List.of("Fix (#7)", "[3.13] Fix (GH-7)", "Fix (gh-7)  ", "bpo-1: Fix (gh-99) (#7)")) {
            assertEquals(Set.of("pr.merged:python/cpython#7:1"), ids(map("push", push("python/cpython", MAIN,
                    commit("a", subject, "2026-01-02T03:04:05Z", "Ada", "ada@example.org", "ada")))), subject);
        }
        for (String subject : List.of("Fix (#7) and more", "Fix (Gh-7)", "Fix #7", "Fix (#)")) {
            assertTrue(map("push", push("python/cpython", MAIN, commit("a", subject, "2026-01-02T03:04:05Z", "Ada",
                    "ada@example.org", "ada"))).contributions().isEmpty(), subject);
        }
    }

    static final String T = "2026-01-02T03:04:05Z";

    WebhookMapper.Result pushWithCoAuthors(String... trailers) {
        String message = "gh-100: Fix (#5)\n\nBody.\n\n" + String.join("\n", trailers);
        return map("push", push("python/cpython", MAIN, commit("c1", message, T, "Ada", "ada@example.org", "ada")));
    }

    ContributionRecorded creditOf(WebhookMapper.Result r, long id) {
        return r.contributions().stream().filter(c -> c.getContributor().getId() == id).findFirst().orElseThrow(
                () -> new AssertionError("no contribution for " + id + " in " + ids(r)));
    }

    @Test
    void coAuthorsResolveByNoreplyAddresses() {
        store.recordUsers(List.of(new UserSeen(1, "ada", false, RECEIVED), new UserSeen(3, "grace", false, RECEIVED)));
        WebhookMapper.Result r = pushWithCoAuthors(
                "Co-authored-by: Bob <2+bob@users.noreply.github.com>",
                "co-authored-by: Grace H <Grace@users.noreply.github.com>",
                "Co-authored-by: Unknown <ghost@users.noreply.github.com>");
        assertEquals("pr.merged:python/cpython#5:2", creditOf(r, 2).getEventId(), "ID+login: the id itself");
        assertEquals("co-author", creditOf(r, 2).getCredit());
        assertEquals("bob", creditOf(r, 2).getContributor().getLogin());
        assertEquals("co-author", creditOf(r, 3).getCredit(), "login form of a login the directory knows");
        assertEquals(3, r.contributions().size(), "the unknown login's address waits");
        CommitCredit pending = r.commitCredits().stream().filter(CommitCredit::pending).findFirst().orElseThrow();
        assertEquals("ghost@users.noreply.github.com", pending.email());
        assertEquals("python/cpython#5:ghost@users.noreply.github.com", pending.key());
        assertEquals("c1", pending.sha());
        assertEquals(Instant.parse(T), pending.commitTime());
        assertEquals("Unknown", pending.name());
    }

    @Test
    void aCoAuthorResolvesByAnEmailGitHubTiedToTheirOwnCommits() {
        store.recordUsers(List.of(new UserSeen(1, "ada", false, RECEIVED), new UserSeen(3, "grace", false, RECEIVED)));
        // an earlier push stored the tie
        store.putEvidence(new EmailEvidence("grace@work.example", 3L, "grace", Ground.OWN_COMMITS, 0, null, RECEIVED));
        assertEquals("co-author", creditOf(pushWithCoAuthors("Co-authored-by: G <grace@WORK.example>"), 3).getCredit());
        // or another commit of the same push shows it
        ObjectNode other = commit("c0", "Docs tweak", T, "G", "grace@home.example", "grace");
        ObjectNode merge = commit("c1", "Fix (#5)\n\nCo-authored-by: G <grace@home.example>", T, "Ada",
                "ada@example.org", "ada");
        WebhookMapper.Result r = map("push", push("python/cpython", MAIN, other, merge));
        assertEquals("co-author", creditOf(r, 3).getCredit());
        assertEquals(Ground.OWN_COMMITS, r.commitCredits().stream().filter(c -> c.email().equals("grace@home.example"))
                .findFirst().orElseThrow().ground());
    }

    @Test
    void anUnresolvedCoAuthorIsPendingAndNeverResolvedByName() {
        store.recordUsers(List.of(new UserSeen(1, "ada", false, RECEIVED), new UserSeen(3, "grace", false, RECEIVED)));
        WebhookMapper.Result r = pushWithCoAuthors("Co-authored-by: grace <someone@example.org>");
        assertEquals(Set.of("pr.merged:python/cpython#5:1"), ids(r), "a name, even a known login, resolves nothing");
        CommitCredit pending = r.commitCredits().stream().filter(CommitCredit::pending).findFirst().orElseThrow();
        assertEquals("someone@example.org", pending.email());
        assertEquals("co-author", pending.credit());
        assertNull(r.ignored());
    }

    @Test
    void aCoAuthorWhoIsTheAuthorIsCreditedOnce() {
        store.recordUsers(List.of(new UserSeen(1, "ada", false, RECEIVED)));
        WebhookMapper.Result r = pushWithCoAuthors("Co-authored-by: Ada <ada@example.org>",
                "Co-authored-by: Ada <1+ada@users.noreply.github.com>");
        assertEquals(1, r.contributions().size());
        assertEquals("author", r.contributions().get(0).getCredit());
    }

    @Test
    void botsAmongCommitAuthorsAndCoAuthorsAreSkipped() {
        store.recordUsers(List.of(new UserSeen(1, "ada", false, RECEIVED)));
        ObjectNode backport = commit("b1", "[3.13] gh-100: Fix (GH-5) (#6)\n\n(cherry picked from commit abc)\n\n"
                + "Co-authored-by: Ada <ada@example.org>", T, "Miss Islington (bot)",
                "31488909+miss-islington@users.noreply.github.com", "miss-islington");
        store.putEvidence(new EmailEvidence("ada@example.org", 1L, "ada", Ground.OWN_COMMITS, 0, null, RECEIVED));
        WebhookMapper.Result r = map("push", push("python/cpython", MAIN, backport));
        assertEquals(Set.of("pr.merged:python/cpython#6:1"), ids(r), "the backport's co-author is credited");
        assertEquals("co-author", r.contributions().get(0).getCredit());
        assertEquals(1, r.skippedBots());
        WebhookMapper.Result dependabot = pushWithCoAuthors(
                "Co-authored-by: dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>");
        assertEquals(Set.of("pr.merged:python/cpython#5:1"), ids(dependabot));
        assertEquals(1, dependabot.skippedBots());
        WebhookMapper.Result blurb = pushWithCoAuthors(
                "Co-authored-by: blurb-it[bot] <blurb-it[bot]@users.noreply.github.com>");
        assertEquals(1, blurb.skippedBots());
        assertTrue(blurb.commitCredits().stream().noneMatch(CommitCredit::pending), "a bot is never pending");
    }

    @Test
    void anAuthorWithoutUsernameResolvesByNoreplyOrWaits() {
        ObjectNode byNoreply = commit("a", "Fix (#5)", T, "Ada", "1+ada@users.noreply.github.com", null);
        assertEquals(Set.of("pr.merged:python/cpython#5:1"), ids(map("push", push("python/cpython", MAIN, byNoreply))));
        ObjectNode unknown = commit("a", "Fix (#5)", T, "Ada", "ada@laptop.local", null);
        WebhookMapper.Result r = map("push", push("python/cpython", MAIN, unknown));
        assertTrue(r.contributions().isEmpty());
        assertEquals("author", r.commitCredits().get(0).credit());
        assertTrue(r.commitCredits().get(0).pending());
    }

    @Test
    void aPrThatLandedInSeveralCommitsCreditsEachPersonOnceAtTheEarliestTime() {
        store.recordUsers(List.of(new UserSeen(1, "ada", false, RECEIVED), new UserSeen(2, "bob", false, RECEIVED)));
        ObjectNode first = commit("a", "Part one (#5)\n\nCo-authored-by: Ada <1+ada@users.noreply.github.com>",
                "2026-01-02T03:00:00Z", "Bob", "bob@example.org", "bob");
        ObjectNode second = commit("b", "Part two (#5)", "2026-01-02T04:00:00Z", "Ada", "ada@example.org", "ada");
        WebhookMapper.Result r = map("push", push("python/cpython", MAIN, first, second));
        assertEquals(2, r.contributions().size());
        ContributionRecorded ada = creditOf(r, 1);
        assertEquals("author", ada.getCredit(), "author over co-author");
        assertEquals(seconds("2026-01-02T03:00:00Z"), ada.getOccurredAt().getSeconds(), "the earliest time");
    }

    // ------------------------------------------------------------------ everything else

    @Test
    void usersOfEveryWebhookAreReported() {
        WebhookMapper.Result r = map("issue_comment", load("issue_comment-created"));
        assertEquals(Set.of(CODERTOCAT), r.users().stream().map(UserSeen::id).collect(Collectors.toSet()));
        WebhookMapper.Result star = map("star", load("issues-opened").put("action", "created"));
        assertEquals("event star created scores nothing", star.ignored());
        assertFalse(star.users().isEmpty(), "the directory learns from every webhook");
    }

    @Test
    void badBodiesAreRejectedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> mapper.map(new RawWebhook("d", "issues", RECEIVED, "{oops".getBytes(StandardCharsets.UTF_8))));
        assertTrue(e.getMessage().startsWith("body is not JSON"), e.getMessage());
        ObjectNode noIssue = load("issues-opened");
        noIssue.remove("issue");
        assertEquals("payload lacks issue",
                assertThrows(IllegalArgumentException.class, () -> map("issues", noIssue)).getMessage());
        ObjectNode badTime = commit("a", "Fix (#5)", "yesterday", "Ada", "ada@example.org", "ada");
        assertEquals("timestamp is not a time: yesterday", assertThrows(IllegalArgumentException.class,
                () -> map("push", push("python/cpython", MAIN, badTime))).getMessage());
        ObjectNode noBranch = load("push-default-branch");
        ((ObjectNode) noBranch.get("repository")).remove("default_branch");
        assertEquals("payload lacks default_branch",
                assertThrows(IllegalArgumentException.class, () -> map("push", noBranch)).getMessage());
    }
}
