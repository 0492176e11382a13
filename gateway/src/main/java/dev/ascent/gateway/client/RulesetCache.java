package dev.ascent.gateway.client;

import dev.ascent.ruleset.Ruleset;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The ledger's active ruleset, parsed by the one ruleset reader. Kept until a ledger answer names another version,
 * so pages that need the rules' structure (the role ladder) do not ask the ledger twice.
 */
@ApplicationScoped
public class RulesetCache {

    private final LedgerClient ledger;
    private volatile Ruleset current;

    public RulesetCache(LedgerClient ledger) {
        this.ledger = ledger;
    }

    /** The active ruleset, fetched again when {@code version} (from a ledger answer) differs from the one held. */
    public Ruleset get(String version) {
        Ruleset held = current;
        if (held != null && (version == null || held.version().equals(version))) {
            return held;
        }
        return refresh();
    }

    /** Fetches the active ruleset from the ledger. */
    public Ruleset refresh() {
        LedgerClient.RulesetSource source = ledger.ruleset();
        try {
            Ruleset parsed = Ruleset.parse(new ByteArrayInputStream(source.source().getBytes(StandardCharsets.UTF_8)),
                    "ruleset " + source.version() + " from the ledger");
            current = parsed;
            return parsed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
