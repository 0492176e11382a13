package dev.ascent.ingest.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ascent.ingest.CommitCredit;
import dev.ascent.ingest.EmailEvidence;
import dev.ascent.ingest.Ground;
import dev.ascent.ingest.MergedPr;
import dev.ascent.ingest.Person;
import dev.ascent.ingest.RawWebhook;
import dev.ascent.ingest.UserSeen;
import dev.ascent.proto.Times;
import dev.ascent.proto.events.v1.ContributionRecorded;
import dev.ascent.proto.events.v1.GithubUser;
import dev.ascent.proto.events.v1.Target;
import dev.ascent.ruleset.BotPolicy;
import dev.ascent.ruleset.Ruleset;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * Maps a raw GitHub webhook to the canonical contributions it stands for (RULES.md "Canonical contributions and
 * where they come from"), and reports what it saw that the identity store keeps: the users, the emails GitHub tied
 * to usernames on commits, merged pull requests and the commit credits of a push. Event ids are derived from the
 * fact, never from the delivery, so a redelivery maps to the same ids. Pure: no framework, no I/O; identities are
 * read through {@link Identities}.
 */
public final class WebhookMapper {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Times inside event ids: UTC, fractions of a second dropped. */
    public static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Ruleset.Sources sources;
    private final BotPolicy bots;
    private final EmailResolver resolver;
    private final Identities identities;

    public WebhookMapper(Ruleset.Sources sources, Identities identities) {
        this.sources = sources;
        this.bots = new BotPolicy(sources);
        this.resolver = new EmailResolver(bots);
        this.identities = identities;
    }

    /** An email GitHub tied to a username on a commit's author (a push payload): the person's own evidence. */
    public record CommitEmail(String email, String username, Instant at) {
    }

    /**
     * What a webhook gives.
     *
     * @param contributions the canonical contributions, possibly none
     * @param skippedBots contributions not made because the person credited is a bot
     * @param ignored why nothing came out, when the event or action scores nothing (null otherwise)
     * @param users every GitHub user object in the payload
     * @param commitEmails the emails GitHub tied to usernames on the commits of a push
     * @param mergedPrs a merged pull request's author as GitHub states it
     * @param commitCredits the authors and co-authors of a push's default-branch commits that name a PR, resolved or
     *     pending
     */
    public record Result(List<ContributionRecorded> contributions, int skippedBots, String ignored,
            List<UserSeen> users, List<CommitEmail> commitEmails, List<MergedPr> mergedPrs,
            List<CommitCredit> commitCredits) {
    }

    /**
     * Maps one webhook. Throws {@link IllegalArgumentException} with the reason when the body is not JSON or a
     * scoring event lacks what it needs; such a webhook goes to the dead-letter topic.
     */
    public Result map(RawWebhook hook) {
        JsonNode body;
        try {
            body = JSON.readTree(hook.body());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("body is not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("body is not JSON: " + e.getMessage(), e);
        }
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("body is not a JSON object");
        }
        String action = body.path("action").asText("");
        Builder out = new Builder(hook);
        collectUsers(body, out);
        switch (hook.event() + (action.isEmpty() ? "" : "." + action)) {
            case "issues.opened" -> issueOpened(body, out);
            case "issues.labeled" -> issueLabeled(body, out);
            case "issues.closed" -> issueClosed(body, out);
            case "issue_comment.created" -> issueCommented(body, out);
            case "pull_request.opened", "pull_request.ready_for_review" -> prOpened(body, action, out);
            case "pull_request.closed" -> prClosed(body, out);
            case "pull_request.labeled" -> prLabeled(body, out);
            case "pull_request_review.submitted" -> prReviewed(body, out);
            case "membership.added", "membership.removed" -> membership(body, action, out);
            case "push" -> push(body, out);
            default -> out.ignored = "event " + hook.event() + (action.isEmpty() ? "" : " " + action) + " scores nothing";
        }
        return out.result();
    }

    private void issueOpened(JsonNode body, Builder out) {
        JsonNode issue = required(body, "issue");
        JsonNode author = required(issue, "user");
        out.add("issue.opened", author, time(issue, "created_at"), target(body, issue), text(issue, "html_url"))
                .done();
    }

    private void issueLabeled(JsonNode body, Builder out) {
        JsonNode issue = required(body, "issue");
        String label = required(required(body, "label"), "name").asText();
        if (!sources.isTriageLabel(label)) {
            out.ignored = "label " + label + " is not a triage label";
            return;
        }
        JsonNode labeler = required(body, "sender");
        if (samePerson(labeler, issue.path("user"))) {
            out.ignored = "an issue's author labeling their own issue is not triage";
            return;
        }
        out.add("issue.triaged", labeler, time(issue, "updated_at"), target(body, issue), text(issue, "html_url"))
                .detail(label).done();
    }

    private void issueClosed(JsonNode body, Builder out) {
        JsonNode issue = required(body, "issue");
        String reason = issue.path("state_reason").asText("");
        if (!sources.triageCloseReasons().contains(reason)) {
            out.ignored = "an issue closed as " + (reason.isEmpty() ? "(no reason)" : reason) + " is not a triage close";
            return;
        }
        JsonNode closer = required(body, "sender");
        if (samePerson(closer, issue.path("user"))) {
            out.ignored = "an issue's author closing their own issue is not triage";
            return;
        }
        out.add("issue.closed_by_triage", closer, time(issue, "closed_at"), target(body, issue),
                text(issue, "html_url")).detail(reason).done();
    }

    private void issueCommented(JsonNode body, Builder out) {
        JsonNode issue = required(body, "issue");
        JsonNode comment = required(body, "comment");
        JsonNode commenter = required(comment, "user");
        long commentId = required(comment, "id").asLong();
        out.add("issue.commented", commenter, time(comment, "created_at"), target(body, issue),
                text(comment, "html_url")).idSuffix(":c" + commentId).done();
    }

    private void prOpened(JsonNode body, String action, Builder out) {
        JsonNode pr = required(body, "pull_request");
        if (pr.path("draft").asBoolean(false)) {
            out.ignored = "a draft pull request scores when it is ready for review";
            return;
        }
        // opened: the PR's own creation time; ready_for_review: the payload has no action time, so updated_at
        Instant at = "opened".equals(action) ? time(pr, "created_at") : time(pr, "updated_at");
        out.add("pr.opened", required(pr, "user"), at, target(body, pr), text(pr, "html_url")).done();
    }

    private void prClosed(JsonNode body, Builder out) {
        JsonNode pr = required(body, "pull_request");
        if (!pr.path("merged").asBoolean(false)) {
            out.ignored = "a pull request closed without merging scores nothing";
            return;
        }
        JsonNode author = required(pr, "user");
        Instant mergedAt = time(pr, "merged_at");
        Target target = target(body, pr);
        String url = text(pr, "html_url");
        out.mergedPrs.add(new MergedPr(target.getRepository(), target.getNumber(), userId(author, "pull_request.user"),
                author.path("login").asText(""), bots.isBot(author), mergedAt, url.isEmpty() ? target.getUrl() : url));
        out.add("pr.merged", author, mergedAt, target, url).credit(CommitCredit.AUTHOR).done();
        JsonNode merger = pr.path("merged_by");
        if (merger.isObject() && !samePerson(merger, author)) {
            out.add("pr.merged_other", merger, mergedAt, target, url).done();
        }
        for (CommitMessages.Revert r : CommitMessages.reverts(pr.path("body").asText(""), target.getRepository())) {
            if (r.repository().equals(target.getRepository()) && r.number() == target.getNumber()) {
                continue; // a PR naming itself reverts nothing
            }
            String revertedUrl = "https://github.com/" + r.repository() + "/pull/" + r.number();
            // contributor unset: the ledger credits the author of #N as its fold knows them; the actor tells a
            // self-revert apart
            out.contributions.add(ContributionRecorded.newBuilder()
                    .setEventId("pr.reverted:" + r.repository() + "#" + r.number())
                    .setKind("pr.reverted")
                    .setActor(githubUser(author, "pull_request.user"))
                    .setOccurredAt(Times.toTimestamp(mergedAt))
                    .setTarget(Target.newBuilder().setRepository(r.repository()).setNumber(r.number()).setUrl(revertedUrl))
                    .setUrl(url.isEmpty() ? target.getUrl() : url)
                    .setSourceDeliveryId(out.deliveryId())
                    .build());
        }
    }

    private void prLabeled(JsonNode body, Builder out) {
        JsonNode pr = required(body, "pull_request");
        String label = required(required(body, "label"), "name").asText();
        if (!sources.isFlagLabel(label)) {
            out.ignored = "label " + label + " does not flag a pull request";
            return;
        }
        out.add("pr.flagged", required(pr, "user"), time(pr, "updated_at"), target(body, pr), text(pr, "html_url"))
                .detail(label).done();
    }

    private void prReviewed(JsonNode body, Builder out) {
        JsonNode pr = required(body, "pull_request");
        JsonNode review = required(body, "review");
        JsonNode reviewer = required(review, "user");
        String state = required(review, "state").asText().toLowerCase(Locale.ROOT);
        if (!state.equals("approved") && !state.equals("changes_requested") && !state.equals("commented")) {
            out.ignored = "a review in state " + state + " scores nothing";
            return;
        }
        if (samePerson(reviewer, required(pr, "user"))) {
            out.ignored = "a review of one's own pull request scores nothing";
            return;
        }
        out.add("pr.reviewed", reviewer, time(review, "submitted_at"), target(body, pr), text(review, "html_url"))
                .reviewState(state).idSuffix(":r" + required(review, "id").asLong()).done();
    }

    private void membership(JsonNode body, String action, Builder out) {
        String scope = body.path("scope").asText("team");
        if (!scope.equals("team")) {
            out.ignored = "a membership of scope " + scope + " is not a team membership";
            return;
        }
        JsonNode member = required(body, "member");
        JsonNode team = required(body, "team");
        String org = required(required(body, "organization"), "login").asText().toLowerCase(Locale.ROOT);
        String slug = team.path("slug").asText("").strip();
        if (slug.isEmpty()) {
            // RULES.md: a team payload without a slug (a deleted team's) is named by its name, lower case, hyphens
            slug = required(team, "name").asText().strip().replace(' ', '-');
        }
        slug = slug.toLowerCase(Locale.ROOT);
        if (org.isEmpty() || slug.isEmpty()) {
            throw new IllegalArgumentException("membership payload names no organization or team");
        }
        if (out.hook.receivedAt() == null) {
            throw new IllegalArgumentException("membership payloads carry no time and the delivery has no receipt time");
        }
        // membership payloads carry no time: the gateway's receipt time, to the second so the id and the time agree
        Instant at = out.hook.receivedAt().truncatedTo(ChronoUnit.SECONDS);
        String kind = action.equals("added") ? "team.joined" : "team.left";
        String url = team.path("html_url").asText("");
        String teamName = org + "/" + slug;
        out.add(kind, member, at, null, url.isEmpty() ? "https://github.com/orgs/" + org + "/teams/" + slug : url)
                .team(teamName).eventId(id -> kind + ":" + teamName + ":" + id + "@" + ID_TIME.format(at)).done();
    }

    private void push(JsonNode body, Builder out) {
        JsonNode repo = required(body, "repository");
        String ref = required(body, "ref").asText();
        String defaultBranch = required(repo, "default_branch").asText();
        if (!ref.equals("refs/heads/" + defaultBranch)) {
            out.ignored = "a push to " + ref + " is not to the default branch " + defaultBranch;
            return;
        }
        String repository = repository(body);
        JsonNode commits = body.path("commits");
        if (!commits.isArray()) {
            throw new IllegalArgumentException("payload lacks commits");
        }
        // the push's own ties of email to username first, so that one commit's evidence resolves another's co-author
        for (JsonNode commit : commits) {
            JsonNode author = commit.path("author");
            String email = EmailResolver.normalize(author.path("email").asText(""));
            String username = author.path("username").asText("").strip();
            if (!username.isEmpty() && EmailResolver.isAddress(email) && !EmailResolver.isNoreply(email)) {
                out.commitEmails.add(new CommitEmail(email, username, out.hook.receivedAt()));
            }
        }
        Identities view = new WebhookView(identities, out.users, out.commitEmails);
        Map<String, CommitCredit> credits = new LinkedHashMap<>();
        int commitsNamingPr = 0;
        for (JsonNode commit : commits) {
            String message = commit.path("message").asText("");
            OptionalLong number = CommitMessages.pullRequestNumber(CommitMessages.subject(message));
            if (number.isEmpty()) {
                continue;
            }
            commitsNamingPr++;
            long n = number.getAsLong();
            Instant at = time(commit, "timestamp");
            String sha = commit.path("id").asText("");
            JsonNode author = commit.path("author");
            String authorEmail = EmailResolver.normalize(author.path("email").asText(""));
            String username = author.path("username").asText("").strip();
            if (!username.isEmpty() && bots.isBot(username, false)) {
                out.skippedBots++; // a bot's commit (a backport by miss-islington): its co-authors still count
            } else {
                Optional<EmailResolver.Resolved> a = resolver.resolveAuthor(username, authorEmail, view);
                credit(repository, n, authorEmail, author.path("name").asText(""), CommitCredit.AUTHOR, sha, at, a,
                        credits);
            }
            for (CommitMessages.CoAuthor co : CommitMessages.coAuthors(message)) {
                if (EmailResolver.noreplyLogin(co.email()).filter(l -> bots.isBot(l, false)).isPresent()) {
                    out.skippedBots++; // a bot's noreply address: never credited, never pending
                    continue;
                }
                credit(repository, n, co.email(), co.name(), CommitCredit.CO_AUTHOR, sha, at,
                        resolver.resolve(co.email(), view), credits);
            }
        }
        // a person is credited once per PR (a PR may land in several commits, a person may use several emails): as
        // author when any credit says so, at the earliest time
        Map<String, List<CommitCredit>> byEventId = new LinkedHashMap<>();
        for (CommitCredit c : credits.values()) {
            out.commitCredits.add(c);
            if (c.pending()) {
                continue;
            }
            if (bots.isBot(c.login(), false) || view.person(c.personId()).map(Person::bot).orElse(false)) {
                out.skippedBots++;
                continue;
            }
            byEventId.computeIfAbsent(mergeEventId(c.repository(), c.number(), c.personId()), k -> new ArrayList<>()).add(c);
        }
        byEventId.forEach((eventId, cs) -> out.contributions.add(pushMerge(eventId, cs, out.deliveryId())));
        if (out.contributions.isEmpty() && out.commitCredits.isEmpty() && out.skippedBots == 0) {
            out.ignored = commitsNamingPr == 0 ? "no commit of the push names a pull request"
                    : "no commit author or co-author of the push could be credited";
        }
    }

    /** The id of a pr.merged fact: {@code pr.merged:owner/repo#N:USERID}, the same from a webhook and a push. */
    public static String mergeEventId(String repository, long number, long personId) {
        return "pr.merged:" + repository + "#" + number + ":" + personId;
    }

    /** Adds or merges one commit credit: per PR and email, the earliest commit, and author over co-author. */
    private static void credit(String repository, long number, String email, String name, String credit, String sha,
            Instant at, Optional<EmailResolver.Resolved> who, Map<String, CommitCredit> credits) {
        if (!EmailResolver.isAddress(email)) {
            return; // no address, nothing to resolve later either
        }
        CommitCredit c = new CommitCredit(repository, number, email, name, credit, sha, at,
                who.map(EmailResolver.Resolved::id).orElse(null), who.map(EmailResolver.Resolved::login).orElse(null),
                who.map(EmailResolver.Resolved::ground).orElse(null));
        credits.merge(c.key(), c, CommitCredit::mergedWith);
    }

    private static ContributionRecorded pushMerge(String eventId, List<CommitCredit> credits, String deliveryId) {
        CommitCredit first = credits.get(0);
        boolean author = false;
        Instant at = first.commitTime();
        for (CommitCredit c : credits) {
            author |= c.credit().equals(CommitCredit.AUTHOR);
            at = c.commitTime().isBefore(at) ? c.commitTime() : at;
        }
        return ContributionRecorded.newBuilder()
                .setEventId(eventId)
                .setKind("pr.merged")
                .setContributor(GithubUser.newBuilder().setId(first.personId()).setLogin(first.login()))
                .setOccurredAt(Times.toTimestamp(at))
                .setTarget(Target.newBuilder().setRepository(first.repository()).setNumber(first.number())
                        .setUrl(first.url()))
                .setUrl(first.url())
                .setCredit(author ? CommitCredit.AUTHOR : CommitCredit.CO_AUTHOR)
                .setSourceDeliveryId(deliveryId)
                .build();
    }

    private Target target(JsonNode body, JsonNode issueOrPr) {
        JsonNode author = issueOrPr.path("user");
        Target.Builder t = Target.newBuilder()
                .setRepository(repository(body))
                .setNumber(required(issueOrPr, "number").asLong())
                .setUrl(issueOrPr.path("html_url").asText(""))
                .setAuthorIsBot(bots.isBot(author));
        if (author.isObject()) {
            t.setAuthor(GithubUser.newBuilder().setId(author.path("id").asLong()).setLogin(author.path("login").asText()));
        }
        return t.build();
    }

    /** Every GitHub user object in the payload (objects with a login, a numeric id and type User or Bot). */
    private static void collectUsers(JsonNode node, Builder out) {
        if (node.isObject()) {
            JsonNode login = node.get("login");
            JsonNode id = node.get("id");
            String type = node.path("type").asText("");
            if (login != null && login.isTextual() && id != null && id.canConvertToLong() && id.asLong() > 0
                    && (type.equals("User") || type.equals("Bot")) && out.hook.receivedAt() != null) {
                out.users.putIfAbsent(id.asLong() + ":" + login.asText().toLowerCase(Locale.ROOT),
                        new UserSeen(id.asLong(), login.asText(), type.equals("Bot"), out.hook.receivedAt()));
            }
            node.elements().forEachRemaining(child -> collectUsers(child, out));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> collectUsers(child, out));
        }
    }

    private static boolean samePerson(JsonNode a, JsonNode b) {
        return a.isObject() && b.isObject() && a.path("id").asLong() > 0 && a.path("id").asLong() == b.path("id").asLong();
    }

    private static String repository(JsonNode body) {
        String name = required(required(body, "repository"), "full_name").asText();
        return name.toLowerCase(Locale.ROOT);
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (v.isMissingNode() || v.isNull()) {
            throw new IllegalArgumentException("payload lacks " + field);
        }
        return v;
    }

    private static String text(JsonNode node, String field) {
        return node.path(field).asText("");
    }

    private static long userId(JsonNode user, String what) {
        long id = user.path("id").asLong();
        if (id <= 0) {
            throw new IllegalArgumentException(what + " has no numeric id");
        }
        return id;
    }

    private static GithubUser githubUser(JsonNode user, String what) {
        return GithubUser.newBuilder().setId(userId(user, what)).setLogin(user.path("login").asText("")).build();
    }

    static Instant time(JsonNode node, String field) {
        String value = required(node, field).asText();
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(value).toInstant(); // push commit timestamps carry the committer's offset
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException(field + " is not a time: " + value, e2);
            }
        }
    }

    /** The identities the store knows, with what this webhook itself shows on top (its users and commit emails). */
    private static final class WebhookView implements Identities {
        private final Identities stored;
        private final Map<String, UserSeen> users;
        private final Map<String, CommitEmail> emails = new LinkedHashMap<>();

        WebhookView(Identities stored, Map<String, UserSeen> users, List<CommitEmail> commitEmails) {
            this.stored = stored;
            this.users = users;
            commitEmails.forEach(e -> emails.putIfAbsent(e.email(), e));
        }

        @Override
        public Optional<Person> personByLogin(String login) {
            String lower = login.toLowerCase(Locale.ROOT);
            for (UserSeen u : users.values()) {
                if (u.login().toLowerCase(Locale.ROOT).equals(lower)) {
                    return Optional.of(new Person(u.id(), u.login(), u.bot()));
                }
            }
            return stored.personByLogin(login);
        }

        @Override
        public Optional<Person> person(long id) {
            for (UserSeen u : users.values()) {
                if (u.id() == id) {
                    return Optional.of(new Person(u.id(), u.login(), u.bot()));
                }
            }
            return stored.person(id);
        }

        @Override
        public Optional<EmailEvidence> evidence(String email) {
            Optional<EmailEvidence> kept = stored.evidence(email);
            if (kept.isPresent() && kept.get().ground() == Ground.OWN_COMMITS) {
                return kept; // the first tie GitHub showed stays
            }
            CommitEmail own = emails.get(email);
            if (own != null) {
                // the person's own evidence overrides an admin's link
                return Optional.of(new EmailEvidence(email, null, own.username(), Ground.OWN_COMMITS, 0, null, own.at()));
            }
            return kept;
        }
    }

    /** Collects the contributions of one webhook, dropping bots. */
    private final class Builder {
        final RawWebhook hook;
        final List<ContributionRecorded> contributions = new ArrayList<>();
        final Map<String, UserSeen> users = new LinkedHashMap<>();
        final List<CommitEmail> commitEmails = new ArrayList<>();
        final List<MergedPr> mergedPrs = new ArrayList<>();
        final List<CommitCredit> commitCredits = new ArrayList<>();
        int skippedBots;
        String ignored;

        Builder(RawWebhook hook) {
            this.hook = hook;
        }

        String deliveryId() {
            return hook.deliveryId() == null ? "" : hook.deliveryId();
        }

        Contribution add(String kind, JsonNode person, Instant at, Target target, String url) {
            return new Contribution(this, kind, person, at, target, url);
        }

        Result result() {
            Set<String> seen = new HashSet<>();
            List<ContributionRecorded> unique = new ArrayList<>();
            for (ContributionRecorded c : contributions) {
                if (seen.add(c.getEventId())) {
                    unique.add(c);
                }
            }
            boolean nothing = unique.isEmpty() && skippedBots == 0 && commitCredits.isEmpty();
            return new Result(List.copyOf(unique), skippedBots, nothing ? ignored : null, List.copyOf(users.values()),
                    List.copyOf(commitEmails), List.copyOf(mergedPrs), List.copyOf(commitCredits));
        }
    }

    /** One contribution being built; {@link #done()} adds it, or counts a skipped bot. */
    private final class Contribution {
        private final Builder out;
        private final String kind;
        private final JsonNode person;
        private final Instant at;
        private final Target target;
        private final String url;
        private final ContributionRecorded.Builder record = ContributionRecorded.newBuilder();
        private String idSuffix = "";
        private LongFunction<String> eventId;

        Contribution(Builder out, String kind, JsonNode person, Instant at, Target target, String url) {
            this.out = out;
            this.kind = kind;
            this.person = person;
            this.at = at;
            this.target = target;
            this.url = url;
        }

        Contribution credit(String credit) {
            record.setCredit(credit);
            return this;
        }

        Contribution reviewState(String state) {
            record.setReviewState(state);
            return this;
        }

        Contribution detail(String detail) {
            record.setDetail(detail);
            return this;
        }

        Contribution team(String team) {
            record.setTeam(team);
            return this;
        }

        Contribution idSuffix(String suffix) {
            this.idSuffix = suffix;
            return this;
        }

        Contribution eventId(LongFunction<String> ofPersonId) {
            this.eventId = ofPersonId;
            return this;
        }

        void done() {
            if (bots.isBot(person)) {
                out.skippedBots++;
                return;
            }
            long id = person.path("id").asLong();
            if (id <= 0) {
                throw new IllegalArgumentException(kind + ": the person credited has no numeric id");
            }
            String key = eventId != null ? eventId.apply(id)
                    : kind + ":" + target.getRepository() + "#" + target.getNumber() + ":" + id + idSuffix;
            record.setEventId(key)
                    .setKind(kind)
                    .setContributor(GithubUser.newBuilder().setId(id).setLogin(person.path("login").asText()))
                    .setOccurredAt(Times.toTimestamp(at))
                    .setUrl(url.isEmpty() && target != null ? target.getUrl() : url)
                    .setSourceDeliveryId(out.deliveryId());
            if (target != null) {
                record.setTarget(target);
            }
            out.contributions.add(record.build());
        }
    }
}
