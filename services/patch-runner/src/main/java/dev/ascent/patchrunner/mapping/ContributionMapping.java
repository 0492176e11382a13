package dev.ascent.patchrunner.mapping;

import dev.ascent.patchrunner.Job;
import dev.ascent.patchrunner.Run;
import dev.ascent.patchrunner.service.PatchPassedRule;
import dev.ascent.proto.Times;
import dev.ascent.proto.events.v1.ContributionRecorded;
import dev.ascent.proto.events.v1.Target;

/** The patch.passed contribution of a passed job, credited to the pull request's author. */
public final class ContributionMapping {

    private ContributionMapping() {
    }

    /** The contribution of a job whose first result passed; occurred_at is that result's finished_at. */
    public static ContributionRecorded toEvent(Run run, Job job) {
        if (job.result() == null) {
            throw new IllegalArgumentException("job " + job.jobId() + " has no result");
        }
        var pr = run.pullRequest();
        return ContributionRecorded.newBuilder()
                .setEventId(PatchPassedRule.eventId(run, job))
                .setKind(PatchPassedRule.KIND)
                .setContributor(RunMapping.toProto(pr.author()))
                .setOccurredAt(Times.toTimestamp(job.result().finishedAt()))
                .setTarget(Target.newBuilder()
                        .setRepository(pr.repository())
                        .setNumber(pr.number())
                        .setAuthor(RunMapping.toProto(pr.author()))
                        .setAuthorIsBot(pr.authorIsBot())
                        .setUrl(pr.htmlUrl()))
                .setUrl(pr.htmlUrl())
                .setArch(job.arch())
                .setSourceDeliveryId(run.deliveryId())
                .build();
    }
}
