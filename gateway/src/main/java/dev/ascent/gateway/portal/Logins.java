package dev.ascent.gateway.portal;

import java.util.Locale;
import java.util.regex.Pattern;

/** GitHub logins as the portal accepts them: 1–39 letters, digits and single inner hyphens. Pure. */
public final class Logins {

    private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}");
    // Bots' logins end in "[bot]"; they never have a ledger but may be typed into a form.
    private static final Pattern BOT = Pattern.compile("[A-Za-z0-9-]{1,39}\\[bot]");

    private Logins() {
    }

    /** Whether {@code s} is a well-formed GitHub login. */
    public static boolean valid(String s) {
        return s != null && (LOGIN.matcher(s).matches() || BOT.matcher(s).matches());
    }

    /** The login as stored and compared: trimmed, lower case. Throws with a sentence when it is not a login. */
    public static String normalize(String s) {
        String t = s == null ? "" : s.trim();
        if (!valid(t)) {
            throw new IllegalArgumentException("'" + (t.length() > 60 ? t.substring(0, 60) + "…" : t)
                    + "' is not a GitHub login (1–39 letters, digits or single hyphens)");
        }
        return t.toLowerCase(Locale.ROOT);
    }
}
