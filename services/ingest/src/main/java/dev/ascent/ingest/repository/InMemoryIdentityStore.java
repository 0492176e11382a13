package dev.ascent.ingest.repository;

import dev.ascent.ingest.CommitCredit;
import dev.ascent.ingest.EmailEvidence;
import dev.ascent.ingest.LoginSeen;
import dev.ascent.ingest.MergedPr;
import dev.ascent.ingest.Person;
import dev.ascent.ingest.Statement;
import dev.ascent.ingest.UserSeen;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** An {@link IdentityStore} in memory, for unit tests and tools; same semantics as {@link MongoIdentityStore}. */
public final class InMemoryIdentityStore implements IdentityStore {

    private record Sighting(long id, String login, boolean bot, Instant first, Instant last) {
    }

    private final Map<String, Sighting> people = new HashMap<>();
    private final Map<String, EmailEvidence> evidence = new HashMap<>();
    private final Map<String, MergedPr> mergedPrs = new HashMap<>();
    private final Map<String, CommitCredit> credits = new TreeMap<>();
    private final Map<String, Statement> statements = new TreeMap<>();
    private long revision;

    @Override
    public synchronized Set<String> recordUsers(Collection<UserSeen> users) {
        Set<String> fresh = new LinkedHashSet<>();
        for (UserSeen u : users) {
            String lower = u.login().toLowerCase(Locale.ROOT);
            String key = u.id() + ":" + lower;
            Sighting s = people.get(key);
            if (s == null) {
                fresh.add(lower);
                people.put(key, new Sighting(u.id(), u.login(), u.bot(), u.at(), u.at()));
            } else {
                people.put(key, new Sighting(u.id(), u.login(), s.bot() || u.bot(), min(s.first(), u.at()),
                        max(s.last(), u.at())));
            }
        }
        return fresh;
    }

    @Override
    public synchronized Optional<Person> personByLogin(String login) {
        String lower = login.toLowerCase(Locale.ROOT);
        return people.values().stream()
                .filter(s -> s.login().toLowerCase(Locale.ROOT).equals(lower))
                .max(Comparator.comparing(Sighting::last).thenComparing(Sighting::id))
                .flatMap(s -> person(s.id()));
    }

    @Override
    public synchronized Optional<Person> person(long id) {
        List<Sighting> of = people.values().stream().filter(s -> s.id() == id)
                .sorted(Comparator.comparing(Sighting::last).reversed().thenComparing(Sighting::login)).toList();
        if (of.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Person(id, of.get(0).login(), of.stream().anyMatch(Sighting::bot)));
    }

    @Override
    public synchronized List<LoginSeen> loginsOf(long id) {
        return people.values().stream().filter(s -> s.id() == id)
                .sorted(Comparator.comparing(Sighting::last).reversed().thenComparing(Sighting::login))
                .map(s -> new LoginSeen(s.login(), s.first(), s.last())).toList();
    }

    @Override
    public synchronized Optional<EmailEvidence> evidence(String email) {
        return Optional.ofNullable(evidence.get(email));
    }

    @Override
    public synchronized void putEvidence(EmailEvidence e) {
        evidence.put(e.email(), e);
    }

    @Override
    public synchronized void deleteEvidence(String email) {
        evidence.remove(email);
    }

    @Override
    public synchronized List<EmailEvidence> evidenceAwaitingLogin(String login) {
        return evidence.values().stream()
                .filter(e -> e.personId() == null && e.login() != null && e.login().equalsIgnoreCase(login))
                .sorted(Comparator.comparing(EmailEvidence::email)).toList();
    }

    @Override
    public synchronized List<EmailEvidence> evidenceOf(long personId) {
        return evidence.values().stream().filter(e -> e.personId() != null && e.personId() == personId)
                .sorted(Comparator.comparing(EmailEvidence::email)).toList();
    }

    @Override
    public synchronized void putMergedPr(MergedPr pr) {
        mergedPrs.put(pr.repository() + "#" + pr.number(), pr);
    }

    @Override
    public synchronized Optional<MergedPr> mergedPr(String repository, long number) {
        return Optional.ofNullable(mergedPrs.get(repository + "#" + number));
    }

    @Override
    public synchronized Optional<CommitCredit> commitCredit(String key) {
        return Optional.ofNullable(credits.get(key));
    }

    @Override
    public synchronized void putCommitCredit(CommitCredit credit) {
        credits.put(credit.key(), credit);
    }

    @Override
    public synchronized List<CommitCredit> commitCredits(String repository, long number) {
        return credits.values().stream().filter(c -> c.repository().equals(repository) && c.number() == number)
                .toList();
    }

    @Override
    public synchronized List<CommitCredit> commitCreditsByEmail(String email) {
        return credits.values().stream().filter(c -> c.email().equals(email)).toList();
    }

    @Override
    public synchronized List<CommitCredit> pending(PageCursor after, int limit) {
        Comparator<CommitCredit> order = Comparator.comparing(CommitCredit::commitTime).reversed()
                .thenComparing(CommitCredit::key);
        List<CommitCredit> all = new ArrayList<>(credits.values().stream().filter(CommitCredit::pending).toList());
        all.sort(order);
        return all.stream()
                .filter(c -> after == null || c.commitTime().isBefore(after.commitTime())
                        || c.commitTime().equals(after.commitTime()) && c.key().compareTo(after.key()) > 0)
                .limit(limit).toList();
    }

    @Override
    public synchronized long pendingCount() {
        return credits.values().stream().filter(CommitCredit::pending).count();
    }

    @Override
    public synchronized long nextRevision() {
        return ++revision;
    }

    @Override
    public synchronized Optional<Statement> statement(String eventId) {
        return Optional.ofNullable(statements.get(eventId));
    }

    @Override
    public synchronized void putStatement(Statement statement) {
        statements.put(statement.eventId(), statement);
    }

    @Override
    public synchronized void markPublished(String eventId, long revision) {
        Statement s = statements.get(eventId);
        if (s != null && s.revision() == revision) {
            statements.put(eventId, new Statement(eventId, revision, s.retracted(), s.record(), true));
        }
    }

    @Override
    public synchronized List<Statement> unpublished(int limit) {
        return statements.values().stream().filter(s -> !s.published())
                .sorted(Comparator.comparingLong(Statement::revision).thenComparing(Statement::eventId))
                .limit(limit).toList();
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
