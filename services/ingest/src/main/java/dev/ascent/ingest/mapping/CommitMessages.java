package dev.ascent.ingest.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads what commit messages and pull-request bodies say: the PR a merge commit names, co-authors, reverts. */
public final class CommitMessages {

    // GitHub's squash and merge writes "(#N)"; CPython's backports and older merges "(GH-N)" or "(gh-N)".
    private static final Pattern PR_SUFFIX = Pattern.compile("\\((?:#|gh-|GH-)(\\d+)\\)$");
    private static final Pattern CO_AUTHOR = Pattern.compile("^[ \\t]*co-authored-by:[ \\t]*(.*?)[ \\t]*<([^<>\\s]+)>[ \\t]*$",
            Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
    // At the start of a line, so that prose ("this partly reverts #12") takes nothing back; GitHub's revert button
    // writes exactly "Reverts owner/repo#N".
    private static final Pattern REVERTS = Pattern.compile(
            "^[ \\t]*reverts[ \\t]+([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)?#(\\d+)\\b", Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);

    private CommitMessages() {
    }

    /** The first line of a commit message. */
    public static String subject(String message) {
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }

    /** The pull request a commit subject names at its end: {@code (#N)}, {@code (gh-N)} or {@code (GH-N)}. */
    public static OptionalLong pullRequestNumber(String subject) {
        Matcher m = PR_SUFFIX.matcher(subject.strip());
        if (!m.find()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(m.group(1)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** A {@code Co-authored-by: Name <email>} trailer; the email in lower case. */
    public record CoAuthor(String name, String email) {
    }

    /** The co-authors a message names, each email once, in order. */
    public static List<CoAuthor> coAuthors(String message) {
        Map<String, CoAuthor> byEmail = new LinkedHashMap<>();
        Matcher m = CO_AUTHOR.matcher(message);
        while (m.find()) {
            String email = m.group(2).toLowerCase(Locale.ROOT);
            byEmail.putIfAbsent(email, new CoAuthor(m.group(1), email));
        }
        return List.copyOf(byEmail.values());
    }

    /** A pull request a body says it reverts. */
    public record Revert(String repository, long number) {
    }

    /**
     * The pull requests a body reverts: {@code Reverts OWNER/REPO#N} (case-insensitive "Reverts") at the start of a
     * line; a bare {@code Reverts #N} means #N of {@code sameRepository}. Each once, in order.
     */
    public static List<Revert> reverts(String body, String sameRepository) {
        List<Revert> out = new ArrayList<>();
        Matcher m = REVERTS.matcher(body);
        while (m.find()) {
            String repo = m.group(1) == null ? sameRepository : m.group(1).toLowerCase(Locale.ROOT);
            try {
                Revert r = new Revert(repo, Long.parseLong(m.group(2)));
                if (!out.contains(r)) {
                    out.add(r);
                }
            } catch (NumberFormatException e) {
                // a number beyond any PR's: not a revert of one
            }
        }
        return out;
    }
}
