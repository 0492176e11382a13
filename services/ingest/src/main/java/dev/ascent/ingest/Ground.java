package dev.ascent.ingest;

/**
 * Why an email or a commit author resolves to a person (RULES.md "Identities": hard evidence only, never a name).
 * The first three are the person's own evidence, which no admin can undo.
 */
public enum Ground {
    /** The commit's author carries a GitHub username (GitHub tied the commit to the account). */
    USERNAME,
    /** A GitHub noreply address: {@code ID+login@users.noreply.github.com} or {@code login@users.noreply.github.com}. */
    NOREPLY,
    /** An email GitHub tied to the person's username on their own commits (a push payload). */
    OWN_COMMITS,
    /** A link an admin made; an admin may undo it. */
    ADMIN_LINK;

    /** The person's own evidence: an admin can neither undo it nor override it. */
    public boolean isOwn() {
        return this != ADMIN_LINK;
    }
}
