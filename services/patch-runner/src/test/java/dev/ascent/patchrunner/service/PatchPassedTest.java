package dev.ascent.patchrunner.service;

import static dev.ascent.patchrunner.Fixtures.AUTHOR;
import static dev.ascent.patchrunner.Fixtures.T0;
import static dev.ascent.patchrunner.Fixtures.finished;
import static dev.ascent.patchrunner.Fixtures.running;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ascent.patchrunner.Fixtures;
import dev.ascent.patchrunner.Job;
import dev.ascent.patchrunner.JobOutcome;
import dev.ascent.patchrunner.Person;
import dev.ascent.patchrunner.Run;
import dev.ascent.patchrunner.RunStatus;
import dev.ascent.patchrunner.Scope;
import dev.ascent.patchrunner.mapping.ContributionMapping;
import dev.ascent.proto.Times;
import dev.ascent.proto.events.v1.ContributionRecorded;
import dev.ascent.ruleset.BotPolicy;
import dev.ascent.ruleset.Ruleset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who patch.passed credits, and the record it is published as. */
class PatchPassedTest {

    final Ruleset rules = Ruleset.loadDefault();
    final PatchPassedRule rule = new PatchPassedRule(Set.copyOf(rules.sources().architectures()),
            new BotPolicy(rules.sources()));

    static Run runBy(Person author, boolean bot) {
        Run r = Fixtures.run(List.of());
        return new Run(r.runId(), Fixtures.pullRequest(author, bot), r.requestedBy(), r.trigger(), r.deliveryId(),
                r.createdAt(), null, RunStatus.IN_PROGRESS, "", false, Scope.SELECTED, 1, "", List.of());
    }

    @Test
    void aPassedJobOnAScoredArchitectureCreditsTheAuthorInformationalOnesIncluded() {
        Run run = runBy(AUTHOR, false);
        assertTrue(rule.earns(run, finished("amd64", false, JobOutcome.PASSED, T0)));
        assertTrue(rule.earns(run, finished("riscv64", true, JobOutcome.PASSED, T0)));
    }

    @Test
    void nothingForAnotherOutcomeAnUnscoredArchitectureOrAJobWithoutResult() {
        Run run = runBy(AUTHOR, false);
        assertFalse(rule.earns(run, finished("amd64", false, JobOutcome.FAILED, T0)));
        assertFalse(rule.earns(run, finished("amd64", false, JobOutcome.CANCELLED, T0)));
        assertFalse(rule.earns(run, finished("s390x", false, JobOutcome.PASSED, T0)));
        assertFalse(rule.earns(run, running("amd64", 1)));
    }

    @Test
    void nothingForABotAuthorByTypeOrByName() {
        assertFalse(rule.earns(runBy(new Person(5, "some-app"), true), finished("amd64", false, JobOutcome.PASSED,
                T0)));
        assertFalse(rule.earns(runBy(new Person(6, "miss-islington"), false), finished("amd64", false,
                JobOutcome.PASSED, T0)));
        assertFalse(rule.earns(runBy(new Person(7, "renovate[bot]"), false), finished("amd64", false,
                JobOutcome.PASSED, T0)));
    }

    @Test
    void theRecordIsTheFactOfThePullRequestAndArchitecture() {
        Run run = runBy(AUTHOR, false);
        Job job = finished("arm64", false, JobOutcome.PASSED, T0.plusSeconds(42));
        ContributionRecorded c = ContributionMapping.toEvent(run, job);
        assertEquals("patch.passed:python/cpython#123:4567:arm64", c.getEventId());
        assertEquals("patch.passed", c.getKind());
        assertEquals(4567, c.getContributor().getId());
        assertEquals("ada", c.getContributor().getLogin());
        assertEquals(T0.plusSeconds(42), Times.toInstant(c.getOccurredAt()));
        assertEquals("python/cpython", c.getTarget().getRepository());
        assertEquals(123, c.getTarget().getNumber());
        assertEquals(4567, c.getTarget().getAuthor().getId());
        assertFalse(c.getTarget().getAuthorIsBot());
        assertEquals("https://github.com/python/cpython/pull/123", c.getTarget().getUrl());
        assertEquals("https://github.com/python/cpython/pull/123", c.getUrl());
        assertEquals("arm64", c.getArch());
        assertEquals("delivery-1", c.getSourceDeliveryId());
        assertEquals(0, c.getRevision());
    }
}
