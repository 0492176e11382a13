package dev.ascent.ingest;

import java.time.Instant;

/**
 * A GitHub user object seen in a webhook: one (id, login) pair for the people directory.
 *
 * @param id GitHub's user id
 * @param login the login in that webhook
 * @param bot the object said {@code "type": "Bot"}
 * @param at when the gateway received the webhook
 */
public record UserSeen(long id, String login, boolean bot, Instant at) {
}
