package dev.ascent.ingest;

import java.time.Instant;

/**
 * One login of a person and when webhooks showed it.
 *
 * @param login the login
 * @param firstSeen the earliest receipt time of a webhook showing it
 * @param lastSeen the latest one
 */
public record LoginSeen(String login, Instant firstSeen, Instant lastSeen) {
}
