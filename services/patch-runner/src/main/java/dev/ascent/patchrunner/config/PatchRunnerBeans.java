package dev.ascent.patchrunner.config;

import com.mongodb.client.MongoClient;
import dev.ascent.patchrunner.client.DiffFetcher;
import dev.ascent.patchrunner.mapping.PullRequestEventMapper;
import dev.ascent.patchrunner.repository.ContributionStore;
import dev.ascent.patchrunner.repository.PullRequestStore;
import dev.ascent.patchrunner.repository.RunStore;
import dev.ascent.patchrunner.service.ClaimRule;
import dev.ascent.patchrunner.service.PatchPassedRule;
import dev.ascent.patchrunner.service.RoleLadder;
import dev.ascent.patchrunner.service.Settings;
import dev.ascent.patchrunner.service.TriggerPolicy;
import dev.ascent.patchrunner.service.TrustRule;
import dev.ascent.patchrunner.service.WorkerSilence;
import dev.ascent.ruleset.BotPolicy;
import dev.ascent.ruleset.Ruleset;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jboss.logging.Logger;

/** Produces the ruleset, the checked settings, the pure rules built from them, and the MongoDB stores. */
@Singleton
public class PatchRunnerBeans {

    private static final Logger LOG = Logger.getLogger(PatchRunnerBeans.class);

    @Produces
    @Singleton
    Ruleset ruleset(PatchRunnerConfig config) {
        Ruleset r = Ruleset.loadOrDefault(config.rulesetFile());
        LOG.infof("ruleset %s (%s)", r.version(), Ruleset.sourceOf(config.rulesetFile()));
        return r;
    }

    /** Made at start, so that settings that cannot work stop the service with the reason, not each call later. */
    @Produces
    @Singleton
    @Startup
    Settings settings(PatchRunnerConfig config, Ruleset rules) {
        Settings s = Settings.of(config.repositories(), config.architectures().orElse(List.of()),
                rules.sources().architectures(), config.informational().orElse(List.of()));
        config.informational().orElse(List.of()).stream().map(a -> a.trim().toLowerCase(Locale.ROOT))
                .filter(a -> !a.isEmpty() && !s.architectures().contains(a))
                .forEach(a -> LOG.warnf("informational architecture %s is not among the architectures %s: ignored",
                        a, s.architectures()));
        LOG.infof("serving %s; jobs on %s (informational: %s)", s.repositories(), s.architectures(),
                s.informational());
        return s;
    }

    @Produces
    @Singleton
    BotPolicy bots(Ruleset rules) {
        return new BotPolicy(rules.sources());
    }

    /** Made at start too: a trusted role that is not on the ruleset's ladder stops the service with the reason. */
    @Produces
    @Singleton
    @Startup
    TrustRule trustRule(Ruleset rules, PatchRunnerConfig config) {
        return new TrustRule(RoleLadder.of(rules, config.trustedRole()));
    }

    @Produces
    @Singleton
    TriggerPolicy triggerPolicy(Settings settings, PatchRunnerConfig config, TrustRule trust) {
        return new TriggerPolicy(settings.repositories(), config.triggerLabel().trim(), trust);
    }

    @Produces
    @Singleton
    ClaimRule claimRule(PatchRunnerConfig config) {
        return new ClaimRule(config.maxAttempts());
    }

    @Produces
    @Singleton
    WorkerSilence workerSilence(PatchRunnerConfig config) {
        return new WorkerSilence(config.workerSilentAfter());
    }

    @Produces
    @Singleton
    PatchPassedRule patchPassedRule(Ruleset rules, BotPolicy bots) {
        return new PatchPassedRule(Set.copyOf(rules.sources().architectures()), bots);
    }

    @Produces
    @Singleton
    PullRequestEventMapper pullRequestEventMapper(BotPolicy bots) {
        return new PullRequestEventMapper(bots);
    }

    @Produces
    @Singleton
    DiffFetcher diffFetcher(PatchRunnerConfig config) {
        var d = config.diff();
        return new DiffFetcher(new DiffFetcher.Options(Set.copyOf(d.hosts()), config.maxPatchBytes(),
                d.connectTimeout(), d.timeout(), d.retries(), d.retryBackoff(), config.githubToken()));
    }

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    RunStore runStore(MongoClient client, PatchRunnerConfig config) {
        return new RunStore(client.getDatabase(config.database()));
    }

    @Produces
    @Singleton
    PullRequestStore pullRequestStore(MongoClient client, PatchRunnerConfig config) {
        return new PullRequestStore(client.getDatabase(config.database()));
    }

    @Produces
    @Singleton
    ContributionStore contributionStore(MongoClient client, PatchRunnerConfig config) {
        return new ContributionStore(client.getDatabase(config.database()));
    }
}
