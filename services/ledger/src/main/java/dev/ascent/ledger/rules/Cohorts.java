package dev.ascent.ledger.rules;

import dev.ascent.ruleset.Ruleset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The standings of a group of logins (a cohort): each member's level, role and total points as of a time and the
 * points they earned in a period. People who asked to be left out are counted but neither listed nor summed. Pure.
 */
public final class Cohorts {

    /** The most logins one cohort may name. */
    public static final int MAX_LOGINS = 5000;

    private Cohorts() {
    }

    /**
     * One listed member.
     *
     * @param role the role held as of the as-of time; "" when nothing of theirs had happened by then
     */
    public record Member(long personId, String login, int level, String role, long pointsInPeriod, long totalPoints) {
    }

    /**
     * A cohort's standings.
     *
     * @param members most points in the period first, ties by login
     * @param unknownLogins the logins asked for that have no ledger, as asked, in the order asked
     * @param hiddenMembers members left out at their own request
     * @param pointsInPeriod the sum over the listed members
     * @param totalPoints the sum over the listed members
     */
    public record Cohort(List<Member> members, List<String> unknownLogins, int hiddenMembers, long pointsInPeriod,
            long totalPoints) {
    }

    /**
     * The standings of the people behind {@code logins} (compared without regard to case, each once; blank ones
     * ignored). Points in the period are those of lines that happened in [from, to) and by the as-of time.
     *
     * @param ledgerOf a person's ledger by login
     * @param hidden the people left out at their own request
     * @param from the period's start; null: from the beginning
     * @param to the period's end (excluded); null: the as-of time
     * @throws IllegalArgumentException for more than {@link #MAX_LOGINS} logins or a period that ends before it starts
     */
    public static Cohort of(Ruleset rules, List<String> logins, Function<String, Optional<PersonLedger>> ledgerOf,
            Set<Long> hidden, Instant from, Instant to, Instant asOf) {
        if (logins.size() > MAX_LOGINS) {
            throw new IllegalArgumentException("at most " + MAX_LOGINS + " logins, not " + logins.size());
        }
        Instant end = to == null ? asOf : to;
        if (from != null && end.isBefore(from)) {
            throw new IllegalArgumentException("the period ends (" + end + ") before it starts (" + from + ")");
        }
        // [from, end) and by the as-of time, as an inclusive bound for Standings.pointsBetween
        Instant last = end.minusNanos(1);
        if (last.isAfter(asOf)) {
            last = asOf;
        }
        Set<String> seen = new HashSet<>();
        Set<Long> people = new HashSet<>();
        List<Member> members = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        int hiddenMembers = 0;
        for (String raw : logins) {
            String login = raw.trim();
            if (login.isEmpty() || !seen.add(login.toLowerCase(Locale.ROOT))) {
                continue;
            }
            Optional<PersonLedger> found = ledgerOf.apply(login);
            if (found.isEmpty()) {
                unknown.add(login);
                continue;
            }
            PersonLedger ledger = found.get();
            if (!people.add(ledger.personId())) {
                continue;
            }
            if (hidden.contains(ledger.personId())) {
                hiddenMembers++;
                continue;
            }
            Standings.Standing standing = Standings.of(rules, ledger, asOf);
            members.add(new Member(ledger.personId(), ledger.login(), standing.level(), standing.role(),
                    Standings.pointsBetween(ledger, from, last), standing.points()));
        }
        members.sort(Comparator.comparingLong(Member::pointsInPeriod).reversed()
                .thenComparing(Member::login)
                .thenComparingLong(Member::personId));
        long inPeriod = members.stream().mapToLong(Member::pointsInPeriod).sum();
        long total = members.stream().mapToLong(Member::totalPoints).sum();
        return new Cohort(List.copyOf(members), List.copyOf(unknown), hiddenMembers, inPeriod, total);
    }
}
