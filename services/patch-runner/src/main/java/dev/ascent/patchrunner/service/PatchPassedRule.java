package dev.ascent.patchrunner.service;

import dev.ascent.patchrunner.Job;
import dev.ascent.patchrunner.JobOutcome;
import dev.ascent.patchrunner.Run;
import dev.ascent.ruleset.BotPolicy;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether a job's result credits the pull request's author with patch.passed (RULES.md): it passed, on an
 * architecture the ruleset scores (informational ones included), and the author is not a bot. The event id
 * {@code patch.passed:OWNER/REPO#NUMBER:USERID:ARCH} makes it once per pull request and architecture.
 */
public final class PatchPassedRule {

    /** The contribution kind. */
    public static final String KIND = "patch.passed";

    private final Set<String> scoredArchitectures;
    private final BotPolicy bots;

    /**
     * @param scoredArchitectures the ruleset's sources.architectures
     */
    public PatchPassedRule(Set<String> scoredArchitectures, BotPolicy bots) {
        this.scoredArchitectures = scoredArchitectures.stream().map(a -> a.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        this.bots = bots;
    }

    /** Whether the job of this run earns its author patch.passed. */
    public boolean earns(Run run, Job job) {
        return job.result() != null
                && job.result().outcome() == JobOutcome.PASSED
                && scoredArchitectures.contains(job.arch().toLowerCase(Locale.ROOT))
                && !run.pullRequest().authorIsBot()
                && !bots.isBot(run.pullRequest().author().login(), false);
    }

    /** The fact key: {@code patch.passed:owner/repo#N:USERID:ARCH}, the repository in lower case. */
    public static String eventId(Run run, Job job) {
        return KIND + ":" + run.pullRequest().key() + ":" + run.pullRequest().author().id() + ":"
                + job.arch().toLowerCase(Locale.ROOT);
    }
}
