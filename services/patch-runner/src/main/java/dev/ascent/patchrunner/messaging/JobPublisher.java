package dev.ascent.patchrunner.messaging;

import dev.ascent.patchrunner.repository.RunStore;
import dev.ascent.patchrunner.repository.RunStore.PendingJob;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

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

    private static final Logger LOG = Logger.getLogger(JobPublisher.class);
    private static final Duration ACK_DEADLINE = Duration.ofSeconds(30);
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
        int total = 0;
        while (true) {
            List<PendingJob> batch = store.unpublished(queuedBy, OUTBOX_BATCH);
            if (batch.isEmpty()) {
                return total;
            }
            int sent = publish(batch);
            total += sent;
            if (batch.size() < OUTBOX_BATCH || sent == 0) {
                return total;
            }
        }
    }

    /** Sends the jobs, waits for the acknowledgements, marks those acknowledged; returns how many were. */
    int publish(List<PendingJob> pending) {
        List<Uni<String>> sends = new ArrayList<>(pending.size());
        for (PendingJob job : pending) {
            if (job.request() == null) {
                // finished before it was sent: nothing for a worker to do
                store.markPublished(job.jobId());
                continue;
            }
            sends.add(jobs.sendMessage(toMessage(job)).replaceWith(job.jobId())
                    .onFailure().recoverWithItem(e -> {
                        LOG.warnf("job %s not acknowledged by Kafka (published again later): %s", job.jobId(),
                                e.toString());
                        return null;
                    }));
        }
        if (sends.isEmpty()) {
            return 0;
        }
        List<String> acked;
        try {
            acked = Uni.join().all(sends).andFailFast().await().atMost(ACK_DEADLINE);
        } catch (RuntimeException e) {
            LOG.warnf("jobs not acknowledged by Kafka within %s (published again later): %s", ACK_DEADLINE, e);
            return 0;
        }
        int n = 0;
        for (String jobId : acked) {
            if (jobId != null) {
                store.markPublished(jobId);
                n++;
            }
        }
        return n;
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
