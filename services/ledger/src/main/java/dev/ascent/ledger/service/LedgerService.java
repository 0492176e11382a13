package dev.ascent.ledger.service;

import dev.ascent.ledger.Contribution;
import dev.ascent.ledger.repository.LedgerRepository;
import dev.ascent.ledger.rules.Cohorts;
import dev.ascent.ledger.rules.LedgerEngine;
import dev.ascent.ledger.rules.LedgerEntry;
import dev.ascent.ledger.rules.Leaderboards;
import dev.ascent.ledger.rules.Milestones;
import dev.ascent.ledger.rules.PersonLedger;
import dev.ascent.ledger.rules.Standings;
import dev.ascent.ledger.rules.Weeks;
import dev.ascent.ruleset.Ruleset;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps the fold of all stored contributions under the active ruleset: a contribution is stored first, then folded.
 * Reads are served from the fold; the ledger lines are derived, never stored (a start folds the stored contributions
 * again), so what is stored is only the facts, which ruleset version is active and who asked to be left out of
 * public lists.
 */
@Startup
@ApplicationScoped
public class LedgerService {

    private static final Logger LOG = Logger.getLogger(LedgerService.class);

    private final LedgerRepository repository;
    private final Map<String, RulesetFile> available = new TreeMap<>();
    private final String configuredVersion;
    private final AtomicLong received = new AtomicLong();
    private LedgerEngine engine;
    private RulesetFile active;
    private final Map<String, Long> byLogin = new HashMap<>();
    /** The people left out of public lists at their own request. */
    private Set<Long> hidden = Set.of();
    /** Each person's milestones with the ledger they were computed from: computed again only for a new ledger. */
    private final Map<Long, MilestoneMemo> milestoneMemo = new HashMap<>();
    /** What reads see: replaced whole after every write, so a read never waits for a batch being folded. */
    private volatile Snapshot snapshot;

    /** An immutable view of the fold after a write. */
    private record Snapshot(RulesetFile ruleset, Map<Long, PersonLedger> ledgers, Map<String, Long> byLogin,
            long contributions, long entries, Set<Long> hidden, Map<Long, List<Milestones.Milestone>> milestones) {

        Ruleset rules() {
            return ruleset.rules();
        }

        Snapshot withHidden(Set<Long> people) {
            return new Snapshot(ruleset, ledgers, byLogin, contributions, entries, people, milestones);
        }
    }

    private record MilestoneMemo(PersonLedger ledger, List<Milestones.Milestone> milestones) {
    }

    public LedgerService(LedgerRepository repository,
            @ConfigProperty(name = "ascent.ledger.ruleset-file") Optional<String> rulesetFile,
            @ConfigProperty(name = "ascent.ledger.rulesets-dir") Optional<String> rulesetsDir) {
        this.repository = repository;
        RulesetFile shipped = RulesetFile.shipped();
        available.put(shipped.rules().version(), shipped);
        rulesetsDir.filter(d -> !d.isBlank()).ifPresent(this::loadDirectory);
        RulesetFile configured = RulesetFile.loadOrShipped(rulesetFile);
        available.put(configured.rules().version(), configured);
        this.configuredVersion = configured.rules().version();
    }

    private void loadDirectory(String dir) {
        try (Stream<Path> files = Files.list(Path.of(dir))) {
            files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().forEach(f -> {
                RulesetFile r = RulesetFile.load(f);
                available.put(r.rules().version(), r);
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ruleset directory " + dir + ": " + e.getMessage(), e);
        }
    }

    @PostConstruct
    synchronized void rebuild() {
        String version = repository.activeRulesetVersion().filter(available::containsKey).orElse(configuredVersion);
        long start = System.nanoTime();
        if (repository.dropStoredLedgerLines()) {
            LOG.info("dropped the stored ledger lines of an earlier version: they are folded again from the contributions");
        }
        hidden = Set.copyOf(repository.loadHiddenPeople());
        List<Contribution> stored = repository.loadContributions();
        refoldUnder(available.get(version), stored);
        LOG.infof("ledger rebuilt from %d stored contributions (%d people) under ruleset %s in %d ms",
                stored.size(), engine.people().size(), version, (System.nanoTime() - start) / 1_000_000);
    }

    private void refoldUnder(RulesetFile rules, Collection<Contribution> contributions) {
        LedgerEngine fresh = new LedgerEngine(rules.rules());
        fresh.add(contributions);
        engine = fresh;
        active = rules;
        byLogin.clear();
        fresh.ledgers().forEach(this::indexLogin);
        publish();
    }

    private void publish() {
        Map<Long, PersonLedger> ledgers = new HashMap<>();
        Map<Long, List<Milestones.Milestone>> milestones = new HashMap<>();
        for (PersonLedger l : engine.ledgers()) {
            ledgers.put(l.personId(), l);
            milestones.put(l.personId(), milestonesOf(l));
        }
        milestoneMemo.keySet().retainAll(ledgers.keySet());
        snapshot = new Snapshot(active, Map.copyOf(ledgers), Map.copyOf(byLogin), engine.size(), engine.entryCount(),
                hidden, Map.copyOf(milestones));
    }

    /**
     * A person's milestones, computed only when their ledger is new: the engine makes a new ledger whenever one
     * changes (a refold under another ruleset included), so a batch costs only the people it changed.
     */
    private List<Milestones.Milestone> milestonesOf(PersonLedger l) {
        MilestoneMemo memo = milestoneMemo.get(l.personId());
        if (memo == null || memo.ledger() != l) {
            memo = new MilestoneMemo(l, Milestones.of(engine.rules(), l));
            milestoneMemo.put(l.personId(), memo);
        }
        return memo.milestones();
    }

    /**
     * Records contributions: the records that prevail for their event ids are stored first, then folded. The ledger
     * lines are not stored: they are a pure function of the stored contributions and the ruleset, folded again at
     * every start.
     */
    public synchronized void record(List<Contribution> batch) {
        received.addAndGet(batch.size());
        repository.saveContributions(engine.prevailing(batch));
        for (long person : engine.add(batch)) {
            engine.ledger(person).ifPresent(this::indexLogin);
        }
        publish();
    }

    private void indexLogin(PersonLedger l) {
        if (l.login().isEmpty()) {
            return;
        }
        String key = l.login().toLowerCase(Locale.ROOT);
        Long holder = byLogin.get(key);
        if (holder == null || holder == l.personId() || lastSeen(l).isAfter(engine.ledger(holder)
                .filter(h -> h.login().equalsIgnoreCase(l.login())).map(LedgerService::lastSeen).orElse(Instant.MIN))) {
            byLogin.put(key, l.personId());
        }
    }

    private static Instant lastSeen(PersonLedger l) {
        return l.entries().isEmpty() ? Instant.MIN : l.entries().get(l.entries().size() - 1).occurredAt();
    }

    /** The active ruleset. */
    public Ruleset rules() {
        return snapshot.rules();
    }

    /** The active ruleset with the text of the file it was loaded from. */
    public RulesetFile ruleset() {
        return snapshot.ruleset();
    }

    /** A person's ledger by login, compared without regard to case; the person who used it last wins. */
    public Optional<PersonLedger> ledgerByLogin(String login) {
        return ledgerByLogin(snapshot, login);
    }

    private static Optional<PersonLedger> ledgerByLogin(Snapshot view, String login) {
        Long id = view.byLogin().get(login.trim().toLowerCase(Locale.ROOT));
        return Optional.ofNullable(id == null ? null : view.ledgers().get(id))
                .filter(l -> l.login().equalsIgnoreCase(login.trim()));
    }

    /** A person's standing as of a time, by login. */
    public Optional<Standings.Standing> standing(String login, Instant asOf) {
        Snapshot view = snapshot;
        return ledgerByLogin(view, login).map(l -> Standings.of(view.rules(), l, asOf));
    }

    /**
     * A page of a person's ledger, newest first.
     *
     * @param olderThan where the next page starts: the number of lines older than this page; 0 on the last page
     */
    public record Page(List<LedgerEntry> entries, int olderThan, int total, String rulesetVersion) {
    }

    /**
     * Up to {@code size} lines of a person's ledger, newest first, from the lines older than the {@code before}-th
     * (counted from the oldest; -1 for the newest). Counting from the oldest keeps pages stable while new lines arrive.
     */
    public Optional<Page> ledgerPage(String login, int before, int size) {
        return ledgerByLogin(login).map(l -> page(l, before, size));
    }

    private static Page page(PersonLedger l, int before, int size) {
        List<LedgerEntry> all = l.entries();
        int end = before < 0 ? all.size() : Math.min(before, all.size());
        int start = Math.max(0, end - size);
        List<LedgerEntry> page = new ArrayList<>(all.subList(start, end));
        Collections.reverse(page);
        return new Page(page, start, all.size(), l.rulesetVersion());
    }

    /**
     * Everything a contributor page shows, from one view of the fold.
     *
     * @param hidden the person asked to be left out of public lists
     */
    public record Profile(Standings.Standing standing, Page page, List<Weeks.Week> weeks, boolean hidden) {
    }

    /** A person's standing, a page of their ledger (as {@link #ledgerPage}) and their points per week, by login. */
    public Optional<Profile> profile(String login, Instant asOf, int before, int size, int weeks) {
        Snapshot view = snapshot;
        return ledgerByLogin(view, login).map(l -> new Profile(Standings.of(view.rules(), l, asOf),
                page(l, before, size), Weeks.series(l, asOf, weeks), view.hidden().contains(l.personId())));
    }

    /** A leaderboard under the active ruleset; people who asked to be left out are not counted. */
    public Leaderboards.Board leaderboard(Leaderboards.Period period, Instant asOf, int limit) {
        Snapshot view = snapshot;
        return Leaderboards.of(view.rules(), view.ledgers().values(), period, asOf, limit,
                Leaderboards.listed(view.rules(), asOf, view.hidden()));
    }

    /**
     * Everything the home page shows, from one view of the fold.
     *
     * @param leaderboards week, month, year and all time
     * @param recent milestones, newest first
     * @param people people with a ledger
     */
    public record Home(List<Leaderboards.Board> leaderboards, List<Milestones.Milestone> recent, String rulesetVersion,
            long people) {
    }

    /**
     * The four leaderboards and the newest milestones by the as-of time, flagged people and people who asked to be
     * left out not shown. The milestones were computed when each ledger changed: this only merges them.
     */
    public Home home(Instant asOf, int leaderboardLimit, int recentLimit) {
        Snapshot view = snapshot;
        Predicate<PersonLedger> listed = Leaderboards.listed(view.rules(), asOf, view.hidden());
        List<Leaderboards.Board> boards = new ArrayList<>();
        for (Leaderboards.Period p : List.of(Leaderboards.Period.WEEK, Leaderboards.Period.MONTH,
                Leaderboards.Period.YEAR, Leaderboards.Period.ALL_TIME)) {
            boards.add(Leaderboards.of(view.rules(), view.ledgers().values(), p, asOf, leaderboardLimit, listed));
        }
        List<Milestones.Milestone> recent = Milestones.recent(view.milestones().values(), asOf, recentLimit,
                id -> listed.test(view.ledgers().get(id)));
        return new Home(List.copyOf(boards), recent, view.rules().version(), view.ledgers().size());
    }

    /** A person's milestones, oldest first, as the home page merges them; empty for an unknown person. */
    List<Milestones.Milestone> milestones(long personId) {
        return snapshot.milestones().getOrDefault(personId, List.of());
    }

    /** A cohort's standings and the ruleset version that produced them. */
    public record CohortStandings(Cohorts.Cohort cohort, String rulesetVersion) {
    }

    /**
     * The standings of a group of logins (see {@link Cohorts#of}); throws {@link IllegalArgumentException} for too
     * many logins or a period that ends before it starts.
     */
    public CohortStandings cohort(List<String> logins, Instant from, Instant to, Instant asOf) {
        Snapshot view = snapshot;
        return new CohortStandings(Cohorts.of(view.rules(), logins, login -> ledgerByLogin(view, login), view.hidden(),
                from, to, asOf), view.rules().version());
    }

    /** A person's listing preference after a change. */
    public record Listing(long personId, String login, boolean hidden) {
    }

    /**
     * Records whether a person is left out of leaderboards, recent milestones and cohort pages: stored first, then
     * seen by reads. Empty for a login with no ledger.
     */
    public synchronized Optional<Listing> setListing(String login, boolean hide) {
        Snapshot view = snapshot;
        Optional<PersonLedger> found = ledgerByLogin(view, login);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        PersonLedger l = found.get();
        repository.saveListing(l.personId(), l.login(), hide);
        Set<Long> next = new HashSet<>(hidden);
        if (hide) {
            next.add(l.personId());
        } else {
            next.remove(l.personId());
        }
        hidden = Set.copyOf(next);
        snapshot = view.withHidden(hidden);
        return Optional.of(new Listing(l.personId(), l.login(), hide));
    }

    /** Counters of the fold. */
    public record Stats(long contributions, long people, long entries, String rulesetVersion, List<String> available,
            long received) {
    }

    public Stats stats() {
        Snapshot view = snapshot;
        return new Stats(view.contributions(), view.ledgers().size(), view.entries(), view.rules().version(),
                List.copyOf(available.keySet()), received.get());
    }

    /** What activating a ruleset did. */
    public record Activation(String version, long contributions, long millis) {
    }

    /**
     * Activates a ruleset version: every stored contribution is folded again under it.
     * Throws {@link NoSuchElementException} for a version the ledger was not given.
     */
    public synchronized Activation activate(String version) {
        RulesetFile rules = available.get(version);
        if (rules == null) {
            throw new NoSuchElementException("no ruleset version " + version + "; available: " + available.keySet());
        }
        long start = System.nanoTime();
        List<Contribution> all = List.copyOf(engine.contributions());
        refoldUnder(rules, all);
        repository.saveActiveRulesetVersion(version);
        long millis = (System.nanoTime() - start) / 1_000_000;
        LOG.infof("ruleset %s activated: %d contributions folded again in %d ms", version, all.size(), millis);
        return new Activation(version, all.size(), millis);
    }
}
