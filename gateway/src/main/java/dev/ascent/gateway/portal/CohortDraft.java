package dev.ascent.gateway.portal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A cohort as typed into the form or posted to {@code /api/cohorts}, checked: every problem is a sentence. Dates are
 * whole UTC days; the period runs from the start of {@code from} to the end of {@code to}. Pure.
 */
public record CohortDraft(String slug, String name, String description, List<String> curators, Instant from,
        Instant to) {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?");

    /** Checks and normalizes the fields; throws {@link IllegalArgumentException} naming every problem. */
    public static CohortDraft of(String slug, String name, String description, String curators, String from,
            String to, String creator) {
        List<String> problems = new ArrayList<>();
        String s = slug == null ? "" : slug.trim().toLowerCase(Locale.ROOT);
        if (!SLUG.matcher(s).matches()) {
            problems.add("the short name must be 1–60 lower-case letters, digits or hyphens, not starting or ending"
                    + " with a hyphen");
        }
        String n = name == null ? "" : name.trim();
        if (n.isEmpty() || n.length() > 100) {
            problems.add("the name must be 1–100 characters");
        }
        String d = description == null ? "" : description.trim();
        if (d.length() > 1000) {
            problems.add("the description must be at most 1,000 characters");
        }
        Set<String> people = new LinkedHashSet<>();
        people.add(Logins.normalize(creator));
        for (String c : (curators == null ? "" : curators).split("[,\\s]+")) {
            if (!c.isBlank()) {
                try {
                    people.add(Logins.normalize(c));
                } catch (IllegalArgumentException e) {
                    problems.add("curators: " + e.getMessage());
                }
            }
        }
        Instant start = day(from, "the start date", problems, false);
        Instant end = day(to, "the end date", problems, true);
        if (start != null && end != null && !end.isAfter(start)) {
            problems.add("the end date must not be before the start date");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new CohortDraft(s, n, d, List.copyOf(people), start, end);
    }

    private static Instant day(String text, String what, List<String> problems, boolean endOfDay) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(text.trim());
            return (endOfDay ? date.plusDays(1) : date).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            problems.add(what + " must be a date like 2026-09-01");
            return null;
        }
    }
}
