package dev.ascent.ledger.mapping;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.ascent.ledger.Contribution;
import dev.ascent.proto.Times;
import dev.ascent.proto.events.v1.ContributionRecorded;
import java.time.Instant;

/** Converts the {@code ContributionRecorded} event into the ledger's domain record, rejecting what it cannot fold. */
public final class ContributionMapping {

    private ContributionMapping() {
    }

    /** Parses and validates a {@code contributions.v1} record value; the exception message says what is wrong. */
    public static Contribution fromBytes(byte[] value) {
        if (value == null || value.length == 0) {
            throw new IllegalArgumentException("empty record: expected a ContributionRecorded protobuf");
        }
        try {
            return fromProto(ContributionRecorded.parseFrom(value));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not a ContributionRecorded protobuf: " + e.getMessage(), e);
        }
    }

    public static Contribution fromProto(ContributionRecorded e) {
        if (e.getEventId().isBlank()) {
            throw new IllegalArgumentException("ContributionRecorded without event_id");
        }
        if (e.getKind().isBlank()) {
            throw new IllegalArgumentException("ContributionRecorded " + e.getEventId() + " without kind");
        }
        boolean revert = e.getKind().equals("pr.reverted");
        if (revert && e.getActor().getId() <= 0) {
            throw new IllegalArgumentException("ContributionRecorded " + e.getEventId()
                    + " is a pr.reverted without actor id (the revert's author)");
        }
        if (!revert && e.getContributor().getId() <= 0) {
            throw new IllegalArgumentException("ContributionRecorded " + e.getEventId() + " without contributor id");
        }
        if (!e.hasOccurredAt()) {
            throw new IllegalArgumentException("ContributionRecorded " + e.getEventId() + " without occurred_at");
        }
        if ((e.getKind().startsWith("issue.") || e.getKind().startsWith("pr.") || e.getKind().startsWith("pep.")
                || e.getKind().equals("patch.passed")) && e.getTarget().getRepository().isBlank()) {
            throw new IllegalArgumentException("ContributionRecorded " + e.getEventId() + " (" + e.getKind()
                    + ") without target repository");
        }
        if (e.getKind().startsWith("team.") && e.getTeam().isBlank()) {
            throw new IllegalArgumentException("ContributionRecorded " + e.getEventId() + " without team");
        }
        Instant at = Times.toInstant(e.getOccurredAt());
        return new Contribution(e.getEventId(), e.getKind(), revert ? 0 : e.getContributor().getId(),
                revert ? "" : e.getContributor().getLogin(), at, e.getTarget().getRepository(),
                e.getTarget().getNumber(), e.getTarget().getAuthor().getId(), e.getTarget().getAuthorIsBot(), e.getUrl(),
                e.getCredit(), e.getReviewState(), e.getActor().getId(), e.getTeam(), e.getArch(), e.getDetail(),
                e.getRevision(), e.getRetracted());
    }
}
