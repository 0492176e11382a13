package dev.ascent.patchrunner.service;

import dev.ascent.ruleset.Ruleset;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/** The ruleset's roles, lowest first, and the lowest one trusted to start runs. */
public final class RoleLadder {

    private final List<String> roles;
    private final String trusted;
    private final int trustedRank;

    /**
     * @param roles role ids, lowest first
     * @param trusted the lowest trusted role; must be on the ladder
     */
    public RoleLadder(List<String> roles, String trusted) {
        this.roles = roles.stream().map(r -> r.toLowerCase(Locale.ROOT)).toList();
        this.trusted = trusted.trim().toLowerCase(Locale.ROOT);
        this.trustedRank = this.roles.indexOf(this.trusted);
        if (trustedRank < 0) {
            throw new IllegalArgumentException("trusted role " + trusted + " is not a role of the ruleset "
                    + this.roles);
        }
    }

    /** The ruleset's ladder, trusting {@code trusted} and the roles above it. */
    public static RoleLadder of(Ruleset rules, String trusted) {
        return new RoleLadder(rules.roles().stream().map(Ruleset.RoleRule::id).toList(), trusted);
    }

    /** The role's place on the ladder, 0 for the lowest; empty for a role the ruleset does not know. */
    public OptionalInt rank(String role) {
        int i = role == null ? -1 : roles.indexOf(role.trim().toLowerCase(Locale.ROOT));
        return i < 0 ? OptionalInt.empty() : OptionalInt.of(i);
    }

    /** Whether the role is the trusted one or above it. */
    public boolean trusts(String role) {
        OptionalInt r = rank(role);
        return r.isPresent() && r.getAsInt() >= trustedRank;
    }

    /** The lowest trusted role. */
    public String trusted() {
        return trusted;
    }
}
