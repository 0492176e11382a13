package dev.ascent.patchrunner.service;

/**
 * Whether a person may start runs, and why, in words shown in a run's trigger or a log line.
 *
 * @param trusted whether they may
 * @param why e.g. "MEMBER", "role contributor", "role newcomer", "no recorded contribution in the ledger"
 */
public record Trust(boolean trusted, String why) {

    public static Trust yes(String why) {
        return new Trust(true, why);
    }

    public static Trust no(String why) {
        return new Trust(false, why);
    }
}
