package dev.ascent.ingest;

import dev.ascent.proto.events.v1.ContributionRecorded;

/**
 * A contribution ingest stated on its own initiative rather than straight from one webhook: a restatement of a
 * {@code pr.merged} fact whose credit identity resolution changed (revision &gt; 0), or a {@code flag.cleared}. Stored
 * before it is published (write first, emit after) and marked published once Kafka acknowledged it, so one that
 * was not is published again.
 *
 * @param eventId the fact key
 * @param revision the record's revision
 * @param retracted the record retracts the fact
 * @param record the record as published
 * @param published Kafka acknowledged it
 */
public record Statement(String eventId, long revision, boolean retracted, ContributionRecorded record,
        boolean published) {
}
