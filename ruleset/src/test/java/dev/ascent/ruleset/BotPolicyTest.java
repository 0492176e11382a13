package dev.ascent.ruleset;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class BotPolicyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final BotPolicy bots = new BotPolicy(Ruleset.loadDefault().sources());

    @Test
    void aUserOfTypeBotIsABotWhateverItsLogin() {
        assertTrue(bots.isBot("someone", true));
        assertTrue(bots.isBot(user("someone", "Bot")));
    }

    @Test
    void aLoginEndingInBotSuffixOrOnTheListIsABot() {
        assertTrue(bots.isBot("renovate[bot]", false));
        assertTrue(bots.isBot("Renovate[BOT] ", false));
        assertTrue(bots.isBot("miss-islington", false));
        assertTrue(bots.isBot("Bedevere-Bot", false));
        assertTrue(bots.isBot(user("dependabot", "User")));
    }

    @Test
    void peopleAndMissingUsersAreNotBots() {
        assertFalse(bots.isBot("gvanrossum", false));
        assertFalse(bots.isBot("robot-fan", false));
        assertFalse(bots.isBot("", false));
        assertFalse(bots.isBot((String) null, false));
        assertFalse(bots.isBot(user("gvanrossum", "User")));
        assertFalse(bots.isBot(JSON.missingNode()));
        assertFalse(bots.isBot(JSON.nullNode()));
    }

    private static ObjectNode user(String login, String type) {
        return JSON.createObjectNode().put("login", login).put("type", type);
    }
}
