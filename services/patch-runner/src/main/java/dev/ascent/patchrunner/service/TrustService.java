package dev.ascent.patchrunner.service;

import dev.ascent.patchrunner.Person;
import dev.ascent.patchrunner.client.LedgerClient;
import dev.ascent.patchrunner.client.LedgerUnavailableException;
import dev.ascent.patchrunner.config.PatchRunnerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * A person's trust as the ledger says, asked again with backoff while the ledger cannot be reached. After the last
 * try it throws {@link LedgerUnavailableException}: unreachable is never taken for untrusted.
 */
@ApplicationScoped
public class TrustService {

    private static final Logger LOG = Logger.getLogger(TrustService.class);

    private final LedgerClient ledger;
    private final TrustRule rule;
    private final int retries;
    private final Duration backoff;

    public TrustService(LedgerClient ledger, TrustRule rule, PatchRunnerConfig config) {
        this.ledger = ledger;
        this.rule = rule;
        this.retries = Math.max(0, config.ledger().retries());
        this.backoff = config.ledger().retryBackoff();
    }

    /** Trust by the ledger's standing of the person's login, under the same GitHub id. Blocking. */
    public Trust byLedger(Person person) {
        Duration wait = backoff;
        for (int attempt = 0; ; attempt++) {
            try {
                return rule.byStanding(person, ledger.standing(person.login()));
            } catch (LedgerUnavailableException e) {
                if (attempt >= retries) {
                    throw new LedgerUnavailableException("the ledger could not be reached after " + (attempt + 1)
                            + " tries: " + e.getMessage(), e);
                }
                LOG.warnf("%s; trying again in %d ms", e.getMessage(), wait.toMillis());
                pause(wait);
                wait = wait.multipliedBy(2);
            }
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerUnavailableException("interrupted while waiting for the ledger", e);
        }
    }
}
