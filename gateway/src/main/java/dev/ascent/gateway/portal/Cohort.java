package dev.ascent.gateway.portal;

import java.time.Instant;
import java.util.List;

/**
 * A named group of logins with curators: a course, a sprint, a mentoring program. Points are counted in
 * {@code [from, to)}; an open end is null.
 */
public record Cohort(String slug, String name, String description, List<String> curators, List<String> members,
        Instant from, Instant to, String createdBy, Instant createdAt) {
}
