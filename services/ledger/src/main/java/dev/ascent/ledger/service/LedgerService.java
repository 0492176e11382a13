package dev.ascent.ledger.service;

import dev.ascent.ledger.Contribution;
import dev.ascent.ledger.repository.LedgerRepository;
import dev.ascent.ledger.rules.LedgerEngine;
import dev.ascent.ledger.rules.Ruleset;
import dev.ascent.ledger.rules.Standing;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps the fold of all stored contributions and the stored ledger in step: write the contribution first, fold,
 * then write what changed.
 */
@Startup
@ApplicationScoped
public class LedgerService {

    private static final Logger LOG = Logger.getLogger(LedgerService.class);

    private final LedgerRepository repository;
    private final LedgerEngine engine;
    private final Map<Long, Standing> written = new HashMap<>();

    public LedgerService(LedgerRepository repository,
            @ConfigProperty(name = "ascent.ledger.ruleset-file") Optional<String> rulesetFile) {
        this.repository = repository;
        Ruleset rules = rulesetFile.filter(f -> !f.isBlank()).map(f -> Ruleset.load(Path.of(f)))
                .orElseGet(Ruleset::loadDefault);
        this.engine = new LedgerEngine(rules);
    }

    @PostConstruct
    synchronized void rebuild() {
        long start = System.nanoTime();
        List<Contribution> stored = repository.loadContributions();
        engine.add(stored);
        for (Long person : engine.people()) {
            persist(person);
        }
        LOG.infof("ledger rebuilt from %d stored contributions (%d people) under ruleset %s in %d ms",
                stored.size(), engine.people().size(), engine.rules().version(), (System.nanoTime() - start) / 1_000_000);
    }

    /** Records contributions: stored first (idempotently), then folded; changed standings are written. */
    public synchronized void record(List<Contribution> batch) {
        for (Contribution c : batch) {
            repository.saveContribution(c);
        }
        for (Long person : engine.add(batch)) {
            persist(person);
        }
    }

    public Ruleset rules() {
        return engine.rules();
    }

    private void persist(long person) {
        Standing now = engine.standing(person).orElseThrow();
        Optional<Standing> before = Optional.ofNullable(written.get(person));
        if (before.isPresent() && before.get().equals(now)) {
            return;
        }
        repository.saveStanding(now, engine.rules(), before);
        written.put(person, now);
    }

    /** For tests: the people the fold knows. */
    public Set<Long> people() {
        return engine.people();
    }
}
