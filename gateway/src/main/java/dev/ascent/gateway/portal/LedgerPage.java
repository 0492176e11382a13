package dev.ascent.gateway.portal;

import java.time.Instant;
import java.util.List;

/** A page of a contributor's ledger, newest first; {@code nextPageToken} is empty on the last page. */
public record LedgerPage(List<Line> lines, String nextPageToken, long totalEntries, String rulesetVersion) {

    /** One ledger line: what a contribution earned, and why. */
    public record Line(String entryId, String eventId, String kind, int points, String ruleId, String rulesetVersion,
            String sentence, String url, Instant occurredAt, Instant takenBackAt) {
    }
}
