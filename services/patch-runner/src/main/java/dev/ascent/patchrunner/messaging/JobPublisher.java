package dev.ascent.patchrunner.messaging;

import dev.ascent.patchrunner.repository.RunStore;
import dev.ascent.patchrunner.repository.RunStore.PendingJob;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes stored jobs on {@code vm.jobs.<arch>} (channel {@value #JOBS}, the topic set per record), keyed by the
 * job id, as CloudEvents of type {@value #JOB_TYPE}. A job is marked published once Kafka acknowledged it; jobs
 * never acknowledged are published again by {@link OutboxSweeper}. A job that finished before it was sent (cancelled
 * while queued) is marked without being sent.
 */
@ApplicationScoped
public class JobPublisher {

    /** The channel of the {@code vm.jobs.<arch>} topics. */
    public static final String JOBS = "vm-jobs";
    /** The CloudEvents type of a job. */
    public static final String JOB_TYPE = "ascent.vm.v1.TestJobRequested";
    /** The topic of an architecture's jobs. */
    public static final String TOPIC_PREFIX = "vm.jobs.";

    private static final int OUTBOX_BATCH = 100;

    private final MutinyEmitter<byte[]> jobs;
    private final RunStore store;

    public JobPublisher(@Channel(JOBS) MutinyEmitter<byte[]> jobs, RunStore store) {
        this.jobs = jobs;
        this.store = store;
    }

    /** Publishes a run's unpublished jobs and waits for Kafka; returns how many were acknowledged. Blocking. */
    public int publishRun(String runId) {
        return publish(store.unpublishedOf(runId));
    }

    /** Publishes every unpublished job stored at or before {@code queuedBy}; returns how many. Blocking. */
    public int publishUnpublished(Instant queuedBy) {
        return Outbox.drain(n -> store.unpublished(queuedBy, n), OUTBOX_BATCH, this::publish);
    }

    /** Sends the jobs, waits for the acknowledgements, marks those acknowledged; returns how many were. */
    int publish(List<PendingJob> pending) {
        Map<String, Message<byte[]>> messages = new LinkedHashMap<>();
        for (PendingJob job : pending) {
            if (job.request() == null) {
                // finished before it was sent: nothing for a worker to do
                store.markPublished(job.jobId());
            } else {
                messages.put(job.jobId(), toMessage(job));
            }
        }
        return Outbox.send(jobs, messages, store::markPublished, "job");
    }

    /** The Kafka record of a job: its topic is its architecture's. */
    static Message<byte[]> toMessage(PendingJob job) {
        return Message.of(job.request())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withTopic(TOPIC_PREFIX + job.arch())
                        .withKey(job.jobId())
                        .build())
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(job.jobId())
                        .withType(JOB_TYPE)
                        .withSource(URI.create(CloudEvents.SOURCE))
                        .withSubject(job.arch())
                        .withDataContentType(CloudEvents.PROTOBUF)
                        .withTimestamp(job.queuedAt().atZone(ZoneOffset.UTC))
                        .build());
    }
}
