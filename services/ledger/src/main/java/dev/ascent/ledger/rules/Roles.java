package dev.ascent.ledger.rules;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Collection;

/** Decides the automatic role a person holds as of a time: newcomer, contributor or regular. */
public final class Roles {

    private Roles() {
    }

    /**
     * The highest automatic role held as of {@code asOf}.
     *
     * @param hasEntries any contribution recorded, a 0-point one included
     */
    public static String roleOf(Ruleset rules, boolean hasEntries, int mergedPrs,
            Collection<YearMonth> activeMonths, Instant asOf) {
        String held = hasEntries ? "newcomer" : "";
        for (var role : rules.roles().entrySet()) {
            Ruleset.RoleRule r = role.getValue();
            if (r.mergedPrs() == 0 && r.activeMonths() == 0) {
                continue; // newcomer: any recorded contribution
            }
            if (mergedPrs >= r.mergedPrs() && activeMonthsInWindow(activeMonths, r.windowMonths(), asOf) >= r.activeMonths()) {
                held = role.getKey();
            }
        }
        return held;
    }

    /** Active months among the as-of month and the {@code window - 1} before it. */
    static long activeMonthsInWindow(Collection<YearMonth> months, int window, Instant asOf) {
        if (window <= 0) {
            return months.size();
        }
        YearMonth last = YearMonth.from(asOf.atZone(ZoneOffset.UTC));
        YearMonth first = last.minusMonths(window - 1L);
        return months.stream().filter(m -> !m.isBefore(first) && !m.isAfter(last)).count();
    }
}
