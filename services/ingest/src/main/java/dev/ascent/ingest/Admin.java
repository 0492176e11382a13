package dev.ascent.ingest;

/**
 * The admin acting through the identity API, as the gateway authenticated them.
 *
 * @param id GitHub user id
 * @param login GitHub login
 */
public record Admin(long id, String login) {
}
