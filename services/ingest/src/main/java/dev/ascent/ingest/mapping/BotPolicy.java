package dev.ascent.ingest.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who counts as a bot (RULES.md): a GitHub user of type {@code Bot}, a login ending in {@code [bot]}, or a login
 * on the configured list.
 */
public final class BotPolicy {

    /** The default bot list of the ruleset. */
    public static final Set<String> DEFAULT_BOTS = Set.of("bedevere-bot", "miss-islington", "python-cla-bot",
            "cpython-cla-bot", "blurb-it", "github-actions", "dependabot");

    private final Set<String> logins;

    public BotPolicy(Set<String> logins) {
        this.logins = logins.stream().map(l -> l.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** {@code user} is a GitHub user object ({@code login}, {@code type}). */
    public boolean isBot(JsonNode user) {
        if (user == null || user.isMissingNode() || user.isNull()) {
            return false;
        }
        String login = user.path("login").asText("").toLowerCase(Locale.ROOT);
        return "Bot".equals(user.path("type").asText()) || login.endsWith("[bot]") || logins.contains(login);
    }
}
