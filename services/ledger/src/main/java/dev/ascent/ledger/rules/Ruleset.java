package dev.ascent.ledger.rules;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A versioned ruleset as loaded from its data file; the engine takes every figure from here.
 *
 * @param version the ruleset's version, e.g. "v1"
 * @param kinds point rules per contribution kind
 * @param bonuses bonus points
 * @param levels total points at which each level starts, level 1 first
 * @param roles the automatic roles, lowest first
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record Ruleset(String version, Map<String, KindRule> kinds, Bonuses bonuses, List<Long> levels,
        Map<String, RoleRule> roles) {

    /** The ruleset the project ships, on the ledger's class path. */
    public static final String DEFAULT_RESOURCE = "/ruleset/v1.yaml";

    public Ruleset {
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("ruleset has no version");
        }
        if (levels == null || levels.isEmpty() || levels.get(0) != 0) {
            throw new IllegalArgumentException("ruleset levels must start at 0");
        }
        for (int i = 1; i < levels.size(); i++) {
            if (levels.get(i) <= levels.get(i - 1)) {
                throw new IllegalArgumentException("ruleset levels must increase: " + levels);
            }
        }
        kinds = Map.copyOf(kinds == null ? Map.of() : kinds);
        roles = roles == null ? Map.of() : roles;
        levels = List.copyOf(levels);
        bonuses = bonuses == null ? new Bonuses(0, 0) : bonuses;
    }

    /**
     * How one kind earns points.
     *
     * @param points points when neither of the maps below applies
     * @param pointsByCredit points by credit ("author", "co-author")
     * @param pointsByReviewState points by review state
     * @param dailyLimit how many entries of this limit group earn points per UTC date; 0 = no limit
     * @param limitGroup the counter this kind shares (default: the kind)
     * @param limitNoun how the limit is named in a sentence
     * @param oncePerTarget only the first entry of this kind that earns points per person and target counts
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record KindRule(Integer points,
            @JsonProperty("points_by_credit") Map<String, Integer> pointsByCredit,
            @JsonProperty("points_by_review_state") Map<String, Integer> pointsByReviewState,
            @JsonProperty("daily_limit") Integer dailyLimit,
            @JsonProperty("limit_group") String limitGroup,
            @JsonProperty("limit_noun") String limitNoun,
            @JsonProperty("once_per_target") Boolean oncePerTarget) {

        public KindRule {
            pointsByCredit = pointsByCredit == null ? Map.of() : Map.copyOf(pointsByCredit);
            pointsByReviewState = pointsByReviewState == null ? Map.of() : Map.copyOf(pointsByReviewState);
            dailyLimit = dailyLimit == null ? 0 : dailyLimit;
            oncePerTarget = oncePerTarget != null && oncePerTarget;
        }
    }

    /**
     * Bonus points.
     *
     * @param firstMerge with a person's first merge that earns points
     * @param newcomerReview with a review of a PR whose author had no merged PR yet
     */
    public record Bonuses(@JsonProperty("first_merge") int firstMerge,
            @JsonProperty("newcomer_review") int newcomerReview) {
    }

    /**
     * What an automatic role needs.
     *
     * @param mergedPrs merged PRs (author or co-author, not taken back), all time
     * @param activeMonths distinct active calendar months within the window
     * @param windowMonths the window: the as-of month and the ones before it
     * @param nextStep the next step shown to someone holding this role
     */
    public record RoleRule(@JsonProperty("merged_prs") int mergedPrs,
            @JsonProperty("active_months") int activeMonths,
            @JsonProperty("window_months") int windowMonths,
            @JsonProperty("next_step") String nextStep) {
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Reads a ruleset file; a file that does not parse fails with the reason. */
    public static Ruleset load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ruleset " + file + ": " + e.getMessage(), e);
        }
    }

    /** The ruleset the project ships. */
    public static Ruleset loadDefault() {
        try (InputStream in = Ruleset.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("default ruleset " + DEFAULT_RESOURCE + " is not on the class path");
            }
            return parse(in, DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Ruleset parse(InputStream in, String name) throws IOException {
        try {
            return YAML.readValue(in, Ruleset.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("ruleset " + name + " is invalid: " + e.getMessage(), e);
        }
    }

    /** The level a total gives: 1 below the second threshold, negative totals included. */
    public int levelFor(long points) {
        int level = 1;
        for (int i = 1; i < levels.size(); i++) {
            if (points >= levels.get(i)) {
                level = i + 1;
            }
        }
        return level;
    }

    /** Points at which the level after {@code level} starts, or 0 at the top level. */
    public long nextLevelPoints(int level) {
        return level < levels.size() ? levels.get(level) : 0;
    }
}
