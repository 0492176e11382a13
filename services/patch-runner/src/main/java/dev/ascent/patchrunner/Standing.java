package dev.ascent.patchrunner;

/**
 * A person's standing as the ledger answered it: what trust is judged on.
 *
 * @param login the login the ledger knows the person by
 * @param githubId the person's GitHub id in the ledger
 * @param role the highest role held, e.g. "contributor"
 */
public record Standing(String login, long githubId, String role) {
}
