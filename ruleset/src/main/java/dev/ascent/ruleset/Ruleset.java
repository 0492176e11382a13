package dev.ascent.ruleset;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A versioned ruleset as loaded from its data file (ruleset/v1.yaml is the default); every figure the services
 * compute comes from here. A file that is not a valid ruleset fails to load with the reason.
 *
 * @param version the ruleset's version, e.g. "v1"
 * @param sources what the sources need: triage and flag labels, bots, architectures
 * @param kinds point rules per contribution kind
 * @param bonuses bonus points
 * @param flagging when a person is marked flagged
 * @param levels total points at which each level starts, level 1 first
 * @param roles roles, lowest first
 * @param badges badges, in the order they are shown
 */
public record Ruleset(String version, Sources sources, Map<String, KindRule> kinds, Bonuses bonuses,
        Flagging flagging, List<Long> levels, List<RoleRule> roles, List<BadgeRule> badges) {

    /** The ruleset the project ships, on the class path. */
    public static final String DEFAULT_RESOURCE = "/ruleset/v1.yaml";

    /** The metrics roles and badges may name (see the ruleset file for their meaning). */
    public static final Set<String> METRICS = Set.of("merged_prs", "reviews", "triage_actions", "active_months",
            "earning_entries", "newcomer_reviews", "peps_authored", "peps_accepted", "green_prs", "streak_weeks");

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
        sources = sources == null ? new Sources(null, null, null, null, null) : sources;
        kinds = Map.copyOf(kinds == null ? Map.of() : kinds);
        bonuses = bonuses == null ? new Bonuses(0, 0) : bonuses;
        flagging = flagging == null ? new Flagging(0, 0) : flagging;
        levels = List.copyOf(levels);
        roles = List.copyOf(roles == null ? List.of() : roles);
        badges = List.copyOf(badges == null ? List.of() : badges);
        Set<String> ids = new HashSet<>();
        for (RoleRule r : roles) {
            if (!ids.add(r.id())) {
                throw new IllegalArgumentException("role " + r.id() + " is defined twice");
            }
        }
        ids.clear();
        for (BadgeRule b : badges) {
            if (!ids.add(b.id())) {
                throw new IllegalArgumentException("badge " + b.id() + " is defined twice");
            }
        }
    }

    /**
     * What the sources of contributions need to know.
     *
     * @param triageLabels labels that make a labeled issue a triage action; {@code *} matches any run of characters
     * @param flagLabels labels that flag a pull request
     * @param triageCloseReasons state reasons that make an issue's close a triage close
     * @param bots logins never credited
     * @param architectures the architectures patch.passed scores on
     */
    public record Sources(@JsonProperty("triage_labels") List<String> triageLabels,
            @JsonProperty("flag_labels") List<String> flagLabels,
            @JsonProperty("triage_close_reasons") List<String> triageCloseReasons,
            List<String> bots, List<String> architectures) {

        public Sources {
            triageLabels = List.copyOf(triageLabels == null ? List.of() : triageLabels);
            flagLabels = List.copyOf(flagLabels == null ? List.of() : flagLabels);
            triageCloseReasons = List.copyOf(triageCloseReasons == null ? List.of() : triageCloseReasons);
            bots = List.copyOf(bots == null ? List.of() : bots);
            architectures = List.copyOf(architectures == null ? List.of() : architectures);
        }

        /** Whether a label is a triage label, compared without regard to case. */
        public boolean isTriageLabel(String label) {
            return matchesAny(triageLabels, label);
        }

        /** Whether a label flags a pull request, compared without regard to case. */
        public boolean isFlagLabel(String label) {
            return matchesAny(flagLabels, label);
        }

        /** Whether a login is on the bot list, compared without regard to case. */
        public boolean isListedBot(String login) {
            return login != null && bots.stream().anyMatch(b -> b.equalsIgnoreCase(login.trim()));
        }

        private static boolean matchesAny(List<String> patterns, String label) {
            if (label == null) {
                return false;
            }
            for (String p : patterns) {
                String regex = ("\\Q" + p + "\\E").replace("*", "\\E.*\\Q");
                if (Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(label).matches()) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * How one kind earns points.
     *
     * @param description what earns it, in words (shown on the portal's rules page)
     * @param points points when neither of the maps below applies
     * @param pointsByCredit points by credit ("author", "co-author", "sponsor", "delegate")
     * @param pointsByReviewState points by review state
     * @param dailyLimit how many entries of this limit group earn points per UTC date; 0 = no limit
     * @param limitGroup the counter this kind shares (default: the kind)
     * @param limitNoun how the limit is named in a sentence
     * @param oncePerTarget the group within which only the first entry that earns points per person and target counts
     * @param endsTargetEarning from this entry on, the target earns nobody anything (a flag)
     * @param takesBack the rule ids of the reverted PR's entries whose points this kind takes back (a revert)
     */
    public record KindRule(String description, Integer points,
            @JsonProperty("points_by_credit") Map<String, Integer> pointsByCredit,
            @JsonProperty("points_by_review_state") Map<String, Integer> pointsByReviewState,
            @JsonProperty("daily_limit") Integer dailyLimit,
            @JsonProperty("limit_group") String limitGroup,
            @JsonProperty("limit_noun") String limitNoun,
            @JsonProperty("once_per_target") String oncePerTarget,
            @JsonProperty("ends_target_earning") Boolean endsTargetEarning,
            @JsonProperty("takes_back") List<String> takesBack) {

        public KindRule {
            description = description == null ? "" : description;
            pointsByCredit = pointsByCredit == null ? Map.of() : Map.copyOf(pointsByCredit);
            pointsByReviewState = pointsByReviewState == null ? Map.of() : Map.copyOf(pointsByReviewState);
            dailyLimit = dailyLimit == null ? 0 : dailyLimit;
            endsTargetEarning = endsTargetEarning != null && endsTargetEarning;
            takesBack = takesBack == null ? List.of() : List.copyOf(takesBack);
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
     * When a person is marked flagged.
     *
     * @param count this many flags on the person's PRs
     * @param windowHours at most this many hours apart
     */
    public record Flagging(int count, @JsonProperty("window_hours") int windowHours) {
    }

    /**
     * A threshold on a metric.
     *
     * @param metric one of {@link #METRICS}
     * @param min the value that meets it
     * @param windowMonths counted over the as-of month and the ones before it, that many in all; 0 = all time
     */
    public record Criterion(String metric, long min, @JsonProperty("window_months") int windowMonths) {

        public Criterion {
            if (!METRICS.contains(metric)) {
                throw new IllegalArgumentException("unknown metric " + metric + "; known: " + METRICS);
            }
        }
    }

    /**
     * A role.
     *
     * @param id e.g. "regular"
     * @param requires the criteria of an automatic role (all must be met; none: any recorded contribution)
     * @param team the team whose membership holds this role (a team role), or null for an automatic one
     * @param typical a team role's typical profile, shown as progress only
     * @param nextStep the next step shown
     */
    public record RoleRule(String id, List<Criterion> requires, String team, List<Criterion> typical,
            @JsonProperty("next_step") String nextStep) {

        public RoleRule {
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("a role has no id");
            }
            requires = List.copyOf(requires == null ? List.of() : requires);
            typical = List.copyOf(typical == null ? List.of() : typical);
            nextStep = nextStep == null ? "" : nextStep;
            if (team != null && !requires.isEmpty()) {
                throw new IllegalArgumentException("role " + id + " is held by team " + team
                        + " and cannot also have automatic requirements");
            }
        }

        public boolean isTeamRole() {
            return team != null;
        }

        /** Whether a team, "org/slug" or "slug", holds this role; slugs compared without regard to case. */
        public boolean heldByTeam(String orgSlashSlug) {
            if (team == null || orgSlashSlug == null) {
                return false;
            }
            String slug = orgSlashSlug.substring(orgSlashSlug.indexOf('/') + 1);
            return slug.toLowerCase(Locale.ROOT).equals(team.toLowerCase(Locale.ROOT));
        }
    }

    /**
     * A badge.
     *
     * @param id e.g. "merges-10"
     * @param metric one of {@link #METRICS}
     * @param min the value that earns it
     * @param description what earns it
     */
    public record BadgeRule(String id, String metric, long min, String description) {

        public BadgeRule {
            if (!METRICS.contains(metric)) {
                throw new IllegalArgumentException("badge " + id + ": unknown metric " + metric + "; known: " + METRICS);
            }
        }
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

    /** The file named (when not blank), else the default. */
    public static Ruleset loadOrDefault(Optional<String> file) {
        return file.filter(f -> !f.isBlank()).map(f -> load(Path.of(f))).orElseGet(Ruleset::loadDefault);
    }

    /** Where {@link #loadOrDefault} takes the ruleset from, for a service's start-up log: the file, or the default. */
    public static String sourceOf(Optional<String> file) {
        return file.filter(f -> !f.isBlank()).orElse("shipped " + DEFAULT_RESOURCE);
    }

    /** Parses a ruleset from a stream; {@code name} names it in error messages. */
    public static Ruleset parse(InputStream in, String name) throws IOException {
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

    /** Points at which {@code level} starts. */
    public long levelPoints(int level) {
        return levels.get(Math.max(1, Math.min(level, levels.size())) - 1);
    }

    /** Points at which the level after {@code level} starts, or 0 at the top level. */
    public long nextLevelPoints(int level) {
        return level < levels.size() ? levels.get(level) : 0;
    }

    /** The rule of a kind, if the ruleset scores it. */
    public Optional<KindRule> kind(String kind) {
        return Optional.ofNullable(kinds.get(kind));
    }
}
