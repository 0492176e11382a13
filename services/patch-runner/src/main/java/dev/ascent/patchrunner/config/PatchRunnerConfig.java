package dev.ascent.patchrunner.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** patch-runner's own settings. The role ladder, the bot list and the default architectures come from the ruleset. */
@ConfigMapping(prefix = "ascent.patch-runner")
public interface PatchRunnerConfig {

    /** The MongoDB database of runs, jobs, pull requests and the patch.passed outbox. */
    @WithDefault("ascent-patch-runner")
    String database();

    /** A ruleset file to use instead of the one shipped (ruleset/v1.yaml); the ledger reads the same one. */
    Optional<String> rulesetFile();

    /** The repositories whose pull requests are tested, "owner/repo". */
    @WithDefault("python/cpython")
    List<String> repositories();

    /** One job per architecture, in this order; empty: the ruleset's sources.architectures. */
    Optional<List<String>> architectures();

    /** Architectures whose jobs are reported but do not decide a run's status. */
    Optional<List<String>> informational();

    /** The label a trusted person adds to test an untrusted author's pull request. */
    @WithDefault("test-with-ascent")
    String triggerLabel();

    /** The lowest role of the ruleset's ladder that is trusted to start runs. */
    @WithDefault("contributor")
    String trustedRole();

    /** How many times a job may be started (the first attempt and those after a lost worker). */
    @WithDefault("3")
    int maxAttempts();

    /** The largest diff queued, in bytes: it travels inline in the job's Kafka record. */
    @WithDefault("900000")
    int maxPatchBytes();

    /** A GitHub token sent to github.com hosts when fetching diffs. */
    Optional<String> githubToken();

    /** Fetching diffs. */
    Diff diff();

    /** Asking the ledger for a person's role. */
    Ledger ledger();

    /** How often jobs and contributions Kafka has not acknowledged yet are published again. */
    @WithDefault("PT30S")
    Duration outboxInterval();

    /** A running job whose worker was not heard for longer shows as {@code worker_silent} (its worker is likely lost). */
    @WithDefault("PT1M")
    Duration workerSilentAfter();

    /** Fetching diffs. */
    interface Diff {

        /** The hosts a diff and every redirect may come from (https, or http on loopback). */
        @WithDefault("github.com,patch-diff.githubusercontent.com,api.github.com")
        List<String> hosts();

        @WithDefault("PT10S")
        Duration connectTimeout();

        /** The whole request, body included. */
        @WithDefault("PT30S")
        Duration timeout();

        /** Further tries after a failure that may pass (no answer, 5xx, 429). */
        @WithDefault("2")
        int retries();

        /** The wait before the first retry, doubled each time. */
        @WithDefault("PT1S")
        Duration retryBackoff();
    }

    /** Asking the ledger. */
    interface Ledger {

        /** The deadline of one call. */
        @WithDefault("PT5S")
        Duration deadline();

        /** Further tries when the ledger cannot be reached. */
        @WithDefault("4")
        int retries();

        /** The wait before the first retry, doubled each time. */
        @WithDefault("PT0.5S")
        Duration retryBackoff();
    }
}
