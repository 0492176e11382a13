package dev.ascent.ingest.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class CommitMessagesTest {

    @Test
    void theSubjectIsTheFirstLine() {
        assertEquals("gh-1: Fix (#2)", CommitMessages.subject("gh-1: Fix (#2)\r\n\nBody (#3)"));
        assertEquals("One line", CommitMessages.subject("One line"));
    }

    @Test
    void thePullRequestIsNamedAtTheEndOfTheSubject() {
        assertEquals(OptionalLong.of(2), CommitMessages.pullRequestNumber("gh-1: Fix (#2)"));
        assertEquals(OptionalLong.of(3), CommitMessages.pullRequestNumber("Fix (GH-3)"));
        assertEquals(OptionalLong.of(4), CommitMessages.pullRequestNumber("Fix (gh-4) "));
        assertTrue(CommitMessages.pullRequestNumber("Fix (#2) later").isEmpty());
        assertTrue(CommitMessages.pullRequestNumber("Fix (bpo-2)").isEmpty());
        assertTrue(CommitMessages.pullRequestNumber("Fix (#99999999999999999999)").isEmpty());
    }

    @Test
    void coAuthorTrailersEachEmailOnceInLowerCase() {
        String message = """
                Fix (#2)

                Co-authored-by: Ada Lovelace <Ada@Example.org>
                co-authored-by:Bob<bob@example.org>
                Co-Authored-By: Ada L <ada@example.org>
                Co-authored-by: No Address
                Signed-off-by: Carol <carol@example.org>
                """;
        assertEquals(List.of(new CommitMessages.CoAuthor("Ada Lovelace", "ada@example.org"),
                new CommitMessages.CoAuthor("Bob", "bob@example.org")), CommitMessages.coAuthors(message));
    }

    @Test
    void revertsAreReadAtTheStartOfALine() {
        assertEquals(List.of(new CommitMessages.Revert("python/cpython", 5)),
                CommitMessages.reverts("Reverts Python/CPython#5", "x/y"));
        assertEquals(List.of(new CommitMessages.Revert("x/y", 5)), CommitMessages.reverts("  reverts #5.", "x/y"));
        assertTrue(CommitMessages.reverts("This reverts #5", "x/y").isEmpty());
        assertTrue(CommitMessages.reverts("Reverts #5a", "x/y").isEmpty());
        assertTrue(CommitMessages.reverts("Reverts commit 1234abc", "x/y").isEmpty());
    }
}
