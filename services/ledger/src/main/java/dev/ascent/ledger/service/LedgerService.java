package dev.ascent.ledger.service;

import dev.ascent.ledger.Contribution;
import dev.ascent.ledger.repository.LedgerRepository;
import dev.ascent.ledger.rules.LedgerEngine;
import dev.ascent.ledger.rules.LedgerEntry;
import dev.ascent.ledger.rules.Leaderboards;
import dev.ascent.ledger.rules.PersonLedger;
import dev.ascent.ledger.rules.Standings;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps the fold of all stored contributions under the active ruleset: a contribution is stored first, then folded.
 * Reads are served from the fold; the ledger lines are derived, never stored (a start folds the stored contributions
 * again), so what is stored is only the facts and which ruleset version is active.
 */
@Startup
@ApplicationScoped
public class LedgerService {

    private static final Logger LOG = Logger.getLogger(LedgerService.class);

    private final LedgerRepository repository;
    private final Map<String, Ruleset> available = new TreeMap<>();
    private final String configuredVersion;
    private final AtomicLong received = new AtomicLong();
    private LedgerEngine engine;
    private final Map<String, Long> byLogin = new HashMap<>();
    /** What reads see: replaced whole after every write, so a read never waits for a batch being folded. */
    private volatile Snapshot snapshot;

    /** An immutable view of the fold after a write. */
    private record Snapshot(Ruleset rules, Map<Long, PersonLedger> ledgers, Map<String, Long> byLogin,
            long contributions, long entries) {
    }

    public LedgerService(LedgerRepository repository,
            @ConfigProperty(name = "ascent.ledger.ruleset-file") Optional<String> rulesetFile,
            @ConfigProperty(name = "ascent.ledger.rulesets-dir") Optional<String> rulesetsDir) {
        this.repository = repository;
        Ruleset shipped = Ruleset.loadDefault();
        available.put(shipped.version(), shipped);
        rulesetsDir.filter(d -> !d.isBlank()).ifPresent(this::loadDirectory);
        Ruleset configured = Ruleset.loadOrDefault(rulesetFile);
        available.put(configured.version(), configured);
        this.configuredVersion = configured.version();
    }

    private void loadDirectory(String dir) {
        try (Stream<Path> files = Files.list(Path.of(dir))) {
            files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().forEach(f -> {
                Ruleset r = Ruleset.load(f);
                available.put(r.version(), r);
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
        List<Contribution> stored = repository.loadContributions();
        refoldUnder(available.get(version), stored);
        LOG.infof("ledger rebuilt from %d stored contributions (%d people) under ruleset %s in %d ms",
                stored.size(), engine.people().size(), version, (System.nanoTime() - start) / 1_000_000);
    }

    private void refoldUnder(Ruleset rules, Collection<Contribution> contributions) {
        LedgerEngine fresh = new LedgerEngine(rules);
        fresh.add(contributions);
        engine = fresh;
        byLogin.clear();
        fresh.ledgers().forEach(this::indexLogin);
        publish();
    }

    private void publish() {
        Map<Long, PersonLedger> ledgers = new HashMap<>();
        engine.ledgers().forEach(l -> ledgers.put(l.personId(), l));
        snapshot = new Snapshot(engine.rules(), Map.copyOf(ledgers), Map.copyOf(byLogin), engine.size(),
                engine.entryCount());
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
        return ledgerByLogin(login).map(l -> {
            List<LedgerEntry> all = l.entries();
            int end = before < 0 ? all.size() : Math.min(before, all.size());
            int start = Math.max(0, end - size);
            List<LedgerEntry> page = new ArrayList<>(all.subList(start, end));
            Collections.reverse(page);
            return new Page(page, start, all.size(), l.rulesetVersion());
        });
    }

    /** A leaderboard under the active ruleset. */
    public Leaderboards.Board leaderboard(Leaderboards.Period period, Instant asOf, int limit) {
        Snapshot view = snapshot;
        return Leaderboards.of(view.rules(), view.ledgers().values(), period, asOf, limit);
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
        Ruleset rules = available.get(version);
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
