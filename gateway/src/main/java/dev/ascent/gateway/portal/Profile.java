package dev.ascent.gateway.portal;

import java.time.Instant;
import java.util.List;

/** Everything the contributor page shows, from one answer of the ledger. */
public record Profile(Standing standing, LedgerPage ledger, List<Week> weeks, boolean hidden) {

    /** Points earned in one ISO week (UTC), and the total at its end. */
    public record Week(Instant weekStart, long points, long total) {
    }
}
