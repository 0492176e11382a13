package dev.ascent.ruleset;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * Who counts as a bot (RULES.md): a GitHub user of type {@code Bot}, a login ending in {@code [bot]}, or a login on
 * the ruleset's bot list.
 */
public final class BotPolicy {

    private final Ruleset.Sources sources;

    public BotPolicy(Ruleset.Sources sources) {
        this.sources = sources;
    }

    /** {@code user} is a GitHub user object ({@code login}, {@code type}). */
    public boolean isBot(JsonNode user) {
        if (user == null || user.isMissingNode() || user.isNull()) {
            return false;
        }
        return isBot(user.path("login").asText(""), "Bot".equals(user.path("type").asText()));
    }

    /** A login, and whether GitHub said the account is a bot. */
    public boolean isBot(String login, boolean typeBot) {
        if (typeBot) {
            return true;
        }
        if (login == null || login.isBlank()) {
            return false;
        }
        return login.trim().toLowerCase(Locale.ROOT).endsWith("[bot]") || sources.isListedBot(login);
    }
}
