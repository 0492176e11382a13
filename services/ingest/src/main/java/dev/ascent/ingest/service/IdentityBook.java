package dev.ascent.ingest.service;

import dev.ascent.ingest.Admin;
import dev.ascent.ingest.CommitCredit;
import dev.ascent.ingest.EmailEvidence;
import dev.ascent.ingest.Ground;
import dev.ascent.ingest.LoginSeen;
import dev.ascent.ingest.MergedPr;
import dev.ascent.ingest.Person;
import dev.ascent.ingest.Statement;
import dev.ascent.ingest.mapping.EmailResolver;
import dev.ascent.ingest.mapping.WebhookMapper;
import dev.ascent.ingest.repository.IdentityStore;
import dev.ascent.proto.Times;
import dev.ascent.proto.events.v1.ContributionRecorded;
import dev.ascent.proto.events.v1.GithubUser;
import dev.ascent.proto.events.v1.Target;
import dev.ascent.ruleset.BotPolicy;
import dev.ascent.ruleset.Ruleset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The identity rules (RULES.md "Identities") applied to what ingest stores: records what webhooks show, resolves
 * pending commit credits when new hard evidence appears, and carries out the admins' links, unlinks and flag clears.
 * Every method writes the store first and returns the contributions to publish afterwards.
 *
 * <p>A {@code pr.merged} fact ({@code pr.merged:owner/repo#N:USERID}) can be grounded several ways: GitHub's PR
 * author, a commit author, a co-author's email. When an identity change alters who a fact credits, the fact is
 * restated as the truth of all its grounds, with a revision from one increasing sequence (each link, unlink or batch
 * of new evidence takes the next value); a fact no ground holds any more is retracted. So the ledger, keeping the
 * highest revision of each event id, ends in the right state whatever the order in which it receives them. Facts
 * that no identity change can alter go out with revision 0, straight from the mapper. Pure: no framework; not
 * thread-safe (the caller serialises).
 */
public final class IdentityBook {

    /** Page size when the caller asks for 0. */
    public static final int DEFAULT_PAGE_SIZE = 50;
    /** The largest page. */
    public static final int MAX_PAGE_SIZE = 500;

    private final IdentityStore store;
    private final BotPolicy bots;
    private final EmailResolver resolver;
    private final Clock clock;

    public IdentityBook(IdentityStore store, Ruleset.Sources sources, Clock clock) {
        this.store = store;
        this.bots = new BotPolicy(sources);
        this.resolver = new EmailResolver(bots);
        this.clock = clock;
    }

    /**
     * What to publish after the store was written, in order.
     *
     * @param records the contributions
     * @param skippedBots contributions not made because the person is a bot
     */
    public record Outcome(List<ContributionRecorded> records, int skippedBots) {
    }

    /**
     * What a link did.
     *
     * @param link the email's tie as it now stands
     * @param records the contributions to publish
     * @param changed false when the email already belonged to that person (nothing was written)
     */
    public record LinkOutcome(EmailEvidence link, List<ContributionRecorded> records, boolean changed) {
    }

    /**
     * What an unlink did.
     *
     * @param records the retractions and restatements to publish
     * @param pendingAgain commit credits of the email pending again
     */
    public record UnlinkOutcome(List<ContributionRecorded> records, int pendingAgain) {
    }

    /** A page of pending credits and the token of the next one (empty on the last page). */
    public record PendingPage(List<CommitCredit> pending, String nextPageToken, long totalSize) {
    }

    /** A person as the directory knows them, with their logins and stored emails. */
    public record PersonView(Person person, List<LoginSeen> logins, List<EmailEvidence> emails) {
    }

    private record MergeKey(String repository, long number, long personId) {
        String eventId() {
            return WebhookMapper.mergeEventId(repository, number, personId);
        }
    }

    /** The truth of one pr.merged fact over all its grounds. */
    private record Truth(String credit, Instant at, String login, boolean mixed, boolean dependsOnAdmin,
            Optional<MergedPr> pr) {
    }

    // ---------------------------------------------------------------- webhooks

    /** Stores what a mapped webhook showed and returns what to publish. */
    public Outcome record(WebhookMapper.Result result) {
        Set<String> emails = new TreeSet<>(); // whose resolution may have changed
        for (String login : store.recordUsers(result.users())) {
            emails.add(EmailResolver.noreplyOf(login));
            Optional<Person> p = store.personByLogin(login);
            for (EmailEvidence e : store.evidenceAwaitingLogin(login)) {
                p.ifPresent(person -> store.putEvidence(new EmailEvidence(e.email(), person.id(), e.login(), e.ground(),
                        e.revision(), e.linkedBy(), e.at())));
                emails.add(e.email());
            }
        }
        for (WebhookMapper.CommitEmail ce : result.commitEmails()) {
            if (recordCommitEmail(ce)) {
                emails.add(ce.email());
            }
        }
        result.mergedPrs().forEach(store::putMergedPr);
        for (CommitCredit c : result.commitCredits()) {
            store.putCommitCredit(store.commitCredit(c.key()).map(kept -> kept.mergedWith(c)).orElse(c));
        }
        Set<MergeKey> affected = reresolve(emails);
        List<ContributionRecorded> out = new ArrayList<>();
        for (ContributionRecorded c : result.contributions()) {
            if (c.getKind().equals("pr.merged") && c.hasContributor()) {
                MergeKey k = new MergeKey(c.getTarget().getRepository(), c.getTarget().getNumber(),
                        c.getContributor().getId());
                if (affected.contains(k) || needsRestating(k, c)) {
                    affected.add(k); // goes out as a restatement instead
                    continue;
                }
            }
            out.add(c);
        }
        int[] skipped = {result.skippedBots()};
        out.addAll(restate(affected, affected.isEmpty() ? 0 : store.nextRevision(), skipped));
        return new Outcome(List.copyOf(out), skipped[0]);
    }

    /** Stores an email GitHub tied to a username; false when it changes nothing (the first tie stays). */
    private boolean recordCommitEmail(WebhookMapper.CommitEmail ce) {
        Optional<EmailEvidence> kept = store.evidence(ce.email());
        if (kept.isPresent() && kept.get().ground() == Ground.OWN_COMMITS) {
            return false;
        }
        // the person's own evidence replaces an admin's link of the same email
        Long id = store.personByLogin(ce.username()).map(Person::id).orElse(null);
        store.putEvidence(new EmailEvidence(ce.email(), id, ce.username(), Ground.OWN_COMMITS, 0, null, ce.at()));
        return true;
    }

    /** Resolves again the pending and admin-linked credits of these emails; returns the facts whose credit moved. */
    private Set<MergeKey> reresolve(Set<String> emails) {
        Set<MergeKey> affected = new LinkedHashSet<>();
        for (String email : emails) {
            List<CommitCredit> credits = store.commitCreditsByEmail(email);
            if (credits.isEmpty()) {
                continue;
            }
            Optional<EmailResolver.Resolved> who = resolver.resolve(email, store);
            Long id = who.map(EmailResolver.Resolved::id).orElse(null);
            String login = who.map(EmailResolver.Resolved::login).orElse(null);
            Ground ground = who.map(EmailResolver.Resolved::ground).orElse(null);
            for (CommitCredit c : credits) {
                if (c.ground() != null && c.ground().isOwn()) {
                    continue; // the person's own evidence is final
                }
                if (Objects.equals(id, c.personId()) && ground == c.ground()) {
                    continue;
                }
                store.putCommitCredit(c.resolvedTo(id, login, ground));
                if (Objects.equals(id, c.personId())) {
                    continue; // the same person on a better ground: the fact stands as stated
                }
                if (c.personId() != null) {
                    affected.add(new MergeKey(c.repository(), c.number(), c.personId()));
                }
                if (id != null) {
                    affected.add(new MergeKey(c.repository(), c.number(), id));
                }
            }
        }
        return affected;
    }

    /**
     * Whether a pr.merged fact from a webhook must go out as a restatement: it was restated before, or its credit
     * rests on an admin's link, or its grounds disagree in a way two revision-0 records could not settle (the PR's
     * author was also credited as a co-author by a push).
     */
    private boolean needsRestating(MergeKey k, ContributionRecorded c) {
        if (store.statement(k.eventId()).isPresent()) {
            return true;
        }
        Truth t = truth(k);
        return t.credit() != null && (t.mixed() || t.dependsOnAdmin() || !t.credit().equals(c.getCredit()));
    }

    private Truth truth(MergeKey k) {
        Optional<MergedPr> pr = store.mergedPr(k.repository(), k.number());
        boolean prAuthor = pr.isPresent() && pr.get().authorId() == k.personId();
        boolean authorRecord = false;
        boolean coAuthor = false;
        boolean ownAuthor = prAuthor;
        boolean own = prAuthor;
        Instant at = prAuthor ? pr.get().mergedAt() : null;
        String login = prAuthor ? pr.get().authorLogin() : null;
        for (CommitCredit c : store.commitCredits(k.repository(), k.number())) {
            if (c.personId() == null || c.personId() != k.personId()) {
                continue;
            }
            boolean isAuthor = c.credit().equals(CommitCredit.AUTHOR);
            authorRecord |= isAuthor;
            coAuthor |= !isAuthor;
            boolean isOwn = c.ground() != null && c.ground().isOwn();
            own |= isOwn;
            ownAuthor |= isOwn && isAuthor;
            at = at == null || c.commitTime().isBefore(at) ? c.commitTime() : at;
            login = login == null ? c.login() : login;
        }
        boolean author = prAuthor || authorRecord;
        String credit = author ? CommitCredit.AUTHOR : coAuthor ? CommitCredit.CO_AUTHOR : null;
        String withoutAdmin = ownAuthor ? CommitCredit.AUTHOR : own ? CommitCredit.CO_AUTHOR : null;
        // a push that credits a person as author never also states them as co-author of that PR; a push that names
        // GitHub's PR author only as a co-author does, at revision 0, beside the webhook's author record
        boolean mixed = prAuthor && coAuthor && !authorRecord;
        return new Truth(credit, at, login, mixed, !Objects.equals(credit, withoutAdmin), pr);
    }

    /** Restates each fact as its grounds now say, at one revision; skips facts whose statement would not change. */
    private List<ContributionRecorded> restate(Set<MergeKey> keys, long revision, int[] skippedBots) {
        List<ContributionRecorded> out = new ArrayList<>();
        for (MergeKey k : keys) {
            Truth t = truth(k);
            Optional<Person> person = store.person(k.personId());
            String login = person.map(Person::login).orElse(t.login() == null ? "" : t.login());
            if (person.map(Person::bot).orElse(false) || bots.isBot(login, false)) {
                skippedBots[0]++;
                continue;
            }
            Optional<Statement> before = store.statement(k.eventId());
            ContributionRecorded record;
            if (t.credit() == null) {
                if (before.isEmpty() || before.get().retracted()) {
                    continue; // nothing stated at a revision, nothing to take back
                }
                record = before.get().record().toBuilder().setRevision(revision).setRetracted(true)
                        .setSourceDeliveryId("").build();
            } else {
                String url = t.pr().map(MergedPr::url).filter(u -> !u.isEmpty())
                        .orElse("https://github.com/" + k.repository() + "/pull/" + k.number());
                Target.Builder target = Target.newBuilder().setRepository(k.repository()).setNumber(k.number())
                        .setUrl(url);
                t.pr().ifPresent(pr -> target.setAuthor(GithubUser.newBuilder().setId(pr.authorId())
                        .setLogin(pr.authorLogin())).setAuthorIsBot(pr.authorIsBot()));
                record = ContributionRecorded.newBuilder()
                        .setEventId(k.eventId())
                        .setKind("pr.merged")
                        .setContributor(GithubUser.newBuilder().setId(k.personId()).setLogin(login))
                        .setOccurredAt(Times.toTimestamp(t.at()))
                        .setTarget(target)
                        .setUrl(url)
                        .setCredit(t.credit())
                        .setRevision(revision)
                        .build();
                if (before.isPresent() && !before.get().retracted() && sameFact(before.get().record(), record)) {
                    continue;
                }
            }
            store.putStatement(new Statement(k.eventId(), revision, record.getRetracted(), record, false));
            out.add(record);
        }
        return out;
    }

    private static boolean sameFact(ContributionRecorded a, ContributionRecorded b) {
        return a.toBuilder().setRevision(0).setSourceDeliveryId("").build()
                .equals(b.toBuilder().setRevision(0).setSourceDeliveryId("").build());
    }

    // ---------------------------------------------------------------- admins

    /** Links an email to a person (see the IdentityService proto for the rules and refusals). */
    public LinkOutcome link(String rawEmail, long githubId, Admin admin) {
        requireAdmin(admin);
        String email = requireEmail(rawEmail);
        if (githubId <= 0) {
            throw IdentityException.invalid("github_id must be a GitHub user id (a positive number), not " + githubId);
        }
        Person person = store.person(githubId).orElseThrow(() -> IdentityException.notFound("no webhook has shown "
                + "GitHub id " + githubId + "; emails are linked only to people Ascent has seen"));
        if (person.bot() || bots.isBot(person.login(), false)) {
            throw IdentityException.precondition(person.login() + " (" + githubId + ") is a bot; bots are never credited");
        }
        Optional<EmailResolver.Resolved> now = resolver.resolve(email, store);
        Optional<EmailEvidence> stored = store.evidence(email);
        if (now.isPresent()) {
            EmailResolver.Resolved r = now.get();
            if (r.id() == githubId) {
                EmailEvidence current = stored.orElse(new EmailEvidence(email, r.id(), r.login(), r.ground(), 0, null,
                        null));
                return new LinkOutcome(current, List.of(), false);
            }
            if (r.ground().isOwn()) {
                throw IdentityException.precondition(email + " belongs to " + r.login() + " (" + r.id() + ") by "
                        + ownEvidence(r.ground()) + "; an admin's link cannot override a person's own evidence");
            }
            throw IdentityException.precondition(email + " is linked to " + r.login() + " (" + r.id()
                    + "); unlink it first");
        }
        if (stored.isPresent() && stored.get().ground() == Ground.OWN_COMMITS) {
            throw IdentityException.precondition(email + " belongs to GitHub user " + stored.get().login() + " by their "
                    + "own commits; it resolves once a webhook shows that login");
        }
        if (EmailResolver.isNoreply(email)) {
            throw IdentityException.precondition(email + " is a GitHub noreply address: it belongs to the login it "
                    + "names and resolves once a webhook shows that login");
        }
        long revision = store.nextRevision();
        EmailEvidence link = new EmailEvidence(email, githubId, person.login(), Ground.ADMIN_LINK, revision, admin,
                clock.instant());
        store.putEvidence(link);
        int[] skipped = {0};
        List<ContributionRecorded> records = restate(reresolve(Set.of(email)), revision, skipped);
        return new LinkOutcome(link, records, true);
    }

    /** Undoes an admin's link of an email. */
    public UnlinkOutcome unlink(String rawEmail, Admin admin) {
        requireAdmin(admin);
        String email = requireEmail(rawEmail);
        Optional<EmailEvidence> stored = store.evidence(email);
        if (stored.isEmpty() || stored.get().ground() != Ground.ADMIN_LINK) {
            Optional<EmailResolver.Resolved> own = resolver.resolve(email, store);
            if (own.isPresent()) {
                throw IdentityException.precondition(email + " belongs to " + own.get().login() + " ("
                        + own.get().id() + ") by " + ownEvidence(own.get().ground())
                        + ", not by an admin's link: a person's own evidence cannot be unlinked by an admin");
            }
            if (stored.isPresent()) {
                throw IdentityException.precondition(email + " belongs to GitHub user " + stored.get().login()
                        + " by their own commits, not by an admin's link: a person's own evidence cannot be "
                        + "unlinked by an admin");
            }
            throw IdentityException.notFound(email + " is not linked to anyone");
        }
        long revision = store.nextRevision();
        store.deleteEvidence(email);
        int[] skipped = {0};
        List<ContributionRecorded> records = restate(reresolve(Set.of(email)), revision, skipped);
        int pending = (int) store.commitCreditsByEmail(email).stream().filter(CommitCredit::pending).count();
        return new UnlinkOutcome(records, pending);
    }

    /** Resolves a pending credit by linking its email. */
    public LinkOutcome resolvePending(String pendingId, long githubId, Admin admin) {
        requireAdmin(admin);
        if (pendingId == null || pendingId.isBlank()) {
            throw IdentityException.invalid("pending_id is empty");
        }
        CommitCredit c = store.commitCredit(pendingId.strip()).orElseThrow(() -> IdentityException.notFound(
                "no pending co-author " + pendingId.strip()));
        if (!c.pending()) {
            throw IdentityException.precondition(c.key() + " is no longer pending: it is credited to " + c.login()
                    + " (" + c.personId() + ")");
        }
        return link(c.email(), githubId, admin);
    }

    /** States a flag.cleared for a person, the admin as its actor (RULES.md: id flag.cleared:USERID@OCCURRED_AT). */
    public ContributionRecorded clearFlag(long githubId, Admin admin) {
        requireAdmin(admin);
        if (githubId <= 0) {
            throw IdentityException.invalid("github_id must be a GitHub user id (a positive number), not " + githubId);
        }
        Person person = store.person(githubId).orElseThrow(() -> IdentityException.notFound("no webhook has shown "
                + "GitHub id " + githubId));
        // to the second, so the id and the time say the same
        Instant at = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String eventId = "flag.cleared:" + githubId + "@" + WebhookMapper.ID_TIME.format(at);
        ContributionRecorded record = ContributionRecorded.newBuilder()
                .setEventId(eventId)
                .setKind("flag.cleared")
                .setContributor(GithubUser.newBuilder().setId(githubId).setLogin(person.login()))
                .setActor(GithubUser.newBuilder().setId(admin.id()).setLogin(admin.login()))
                .setOccurredAt(Times.toTimestamp(at))
                .setUrl("https://github.com/" + person.login())
                .build();
        store.putStatement(new Statement(eventId, 0, false, record, false));
        return record;
    }

    /** A page of pending credits. */
    public PendingPage pending(int pageSize, String pageToken) {
        if (pageSize < 0 || pageSize > MAX_PAGE_SIZE) {
            throw IdentityException.invalid("page_size must be in 0.." + MAX_PAGE_SIZE + " (0 means "
                    + DEFAULT_PAGE_SIZE + "), not " + pageSize);
        }
        int size = pageSize == 0 ? DEFAULT_PAGE_SIZE : pageSize;
        IdentityStore.PageCursor after = pageToken == null || pageToken.isEmpty() ? null : decode(pageToken);
        List<CommitCredit> page = store.pending(after, size + 1);
        String next = "";
        if (page.size() > size) {
            page = page.subList(0, size);
            CommitCredit last = page.get(size - 1);
            next = encode(new IdentityStore.PageCursor(last.commitTime(), last.key()));
        }
        return new PendingPage(List.copyOf(page), next, store.pendingCount());
    }

    /** A person by GitHub id, or by login when {@code login} is not null. */
    public PersonView person(Long githubId, String login) {
        Person p;
        if (login != null) {
            if (login.isBlank()) {
                throw IdentityException.invalid("login is empty");
            }
            p = store.personByLogin(login.strip()).orElseThrow(() -> IdentityException.notFound("no webhook has shown "
                    + "login " + login.strip()));
        } else if (githubId != null && githubId > 0) {
            p = store.person(githubId).orElseThrow(() -> IdentityException.notFound("no webhook has shown GitHub id "
                    + githubId));
        } else {
            throw IdentityException.invalid("give a github_id (a positive number) or a login");
        }
        List<EmailEvidence> emails = new ArrayList<>(store.evidenceOf(p.id()));
        return new PersonView(p, store.loginsOf(p.id()), List.copyOf(emails));
    }

    private static String ownEvidence(Ground g) {
        return switch (g) {
            case NOREPLY -> "a GitHub noreply address";
            case OWN_COMMITS, USERNAME -> "their own commits";
            case ADMIN_LINK -> "an admin's link";
        };
    }

    private static void requireAdmin(Admin admin) {
        if (admin == null || admin.id() <= 0) {
            throw IdentityException.invalid("admin is missing: the gateway must name the admin who acts (a GitHub "
                    + "user with a positive id)");
        }
    }

    private static String requireEmail(String raw) {
        String email = EmailResolver.normalize(raw);
        if (email.isEmpty()) {
            throw IdentityException.invalid("email is empty");
        }
        if (!EmailResolver.isAddress(email)) {
            throw IdentityException.invalid("email " + raw.strip() + " is not an email address");
        }
        return email;
    }

    private static String encode(IdentityStore.PageCursor c) {
        String s = c.commitTime().toEpochMilli() + "\n" + c.key();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static IdentityStore.PageCursor decode(String token) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int nl = s.indexOf('\n');
            if (nl <= 0 || nl == s.length() - 1) {
                throw new IllegalArgumentException("no separator");
            }
            return new IdentityStore.PageCursor(Instant.ofEpochMilli(Long.parseLong(s.substring(0, nl))),
                    s.substring(nl + 1));
        } catch (IllegalArgumentException e) {
            throw IdentityException.invalid("page_token was not issued by this service");
        }
    }
}
