package dev.ascent.patchrunner.messaging;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.ascent.patchrunner.service.ResultService;
import dev.ascent.proto.vm.v1.TestJobProgressed;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Consumes the workers' progress from {@code vm.progress.v1} and keeps the latest of each job's current attempt;
 * progress of finished jobs and of older attempts is ignored. A record that is not a TestJobProgressed goes to
 * {@code vm.progress.v1.dlq} with the reason.
 */
@ApplicationScoped
public class TestJobProgressedConsumer {

    /** The channel of {@code vm.progress.v1}. */
    public static final String PROGRESS = "vm-progress";
    /** The channel of {@code vm.progress.v1.dlq}. */
    public static final String DEAD_LETTERS = "vm-progress-dlq";
    /** The CloudEvents type of progress. */
    public static final String PROGRESS_TYPE = "ascent.vm.v1.TestJobProgressed";

    private final ResultService results;
    private final MutinyEmitter<byte[]> deadLetters;
    private final Counter deadLettered;

    public TestJobProgressedConsumer(ResultService results, @Channel(DEAD_LETTERS) MutinyEmitter<byte[]> deadLetters,
            MeterRegistry metrics) {
        this.results = results;
        this.deadLetters = deadLetters;
        this.deadLettered = metrics.counter("ascent.patchrunner.dead.letters", "topic", "vm.progress.v1");
    }

    @Incoming(PROGRESS)
    public CompletionStage<Void> consume(Message<byte[]> message) {
        return Handling.handle(message, this::handle, deadLetters, deadLettered, "progress record");
    }

    private void handle(Message<byte[]> message) {
        CloudEvents.requireType(message, PROGRESS_TYPE);
        TestJobProgressed p;
        try {
            p = TestJobProgressed.parseFrom(message.getPayload() == null ? new byte[0] : message.getPayload());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not a TestJobProgressed: " + e.getMessage(), e);
        }
        if (p.getJobId().isBlank()) {
            throw new IllegalArgumentException("progress without a job_id");
        }
        if (p.getAttempt() < 1) {
            throw new IllegalArgumentException("progress of job " + p.getJobId() + " has attempt " + p.getAttempt()
                    + ", not 1 or more");
        }
        results.progress(p);
    }
}
