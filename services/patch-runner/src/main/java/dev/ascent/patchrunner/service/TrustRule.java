package dev.ascent.patchrunner.service;

import dev.ascent.patchrunner.Person;
import dev.ascent.patchrunner.Standing;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Who is trusted to start runs: a pull request's author whose association with the repository is OWNER, MEMBER or
 * COLLABORATOR; anyone whose standing in the ledger, under the same GitHub id, holds the trusted role or above.
 */
public final class TrustRule {

    /** The author associations that make an author trusted without asking the ledger. */
    public static final Set<String> TRUSTED_ASSOCIATIONS = Set.of("OWNER", "MEMBER", "COLLABORATOR");

    private final RoleLadder ladder;

    public TrustRule(RoleLadder ladder) {
        this.ladder = ladder;
    }

    /** Trusted by GitHub's author_association, or empty when the ledger must be asked. */
    public Optional<Trust> byAssociation(String association) {
        String a = association == null ? "" : association.trim().toUpperCase(Locale.ROOT);
        return TRUSTED_ASSOCIATIONS.contains(a) ? Optional.of(Trust.yes(a)) : Optional.empty();
    }

    /** Trust by the ledger's answer for the person's login (empty: the ledger has no such login). */
    public Trust byStanding(Person person, Optional<Standing> standing) {
        if (standing.isEmpty()) {
            return Trust.no("no recorded contribution in the ledger");
        }
        Standing s = standing.get();
        if (s.githubId() != person.id()) {
            // a login can change hands: the ledger's person of that name is someone else
            return Trust.no("the ledger's " + s.login() + " is GitHub user " + s.githubId() + ", not " + person.id());
        }
        if (ladder.rank(s.role()).isEmpty()) {
            return Trust.no("role " + s.role() + " is not on the ruleset's ladder");
        }
        return ladder.trusts(s.role()) ? Trust.yes("role " + s.role()) : Trust.no("role " + s.role());
    }

    /** The lowest trusted role. */
    public String trustedRole() {
        return ladder.trusted();
    }
}
