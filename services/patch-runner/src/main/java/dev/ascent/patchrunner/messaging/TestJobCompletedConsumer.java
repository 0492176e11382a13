package dev.ascent.patchrunner.messaging;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.ascent.patchrunner.mapping.RunMapping;
import dev.ascent.patchrunner.service.ResultService;
import dev.ascent.proto.vm.v1.TestJobCompleted;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Consumes the workers' results from {@code vm.results.v1}: the first result of a job is kept, later ones are
 * ignored (and counted); the run is settled and patch.passed credited. A record that is not a TestJobCompleted goes
 * to {@code vm.results.v1.dlq} with the reason. The offset is committed only after the result was stored.
 */
@ApplicationScoped
public class TestJobCompletedConsumer {

    /** The channel of {@code vm.results.v1}. */
    public static final String RESULTS = "vm-results";
    /** The channel of {@code vm.results.v1.dlq}. */
    public static final String DEAD_LETTERS = "vm-results-dlq";
    /** The CloudEvents type of results. */
    public static final String RESULT_TYPE = "ascent.vm.v1.TestJobCompleted";

    private final ResultService results;
    private final MutinyEmitter<byte[]> deadLetters;
    private final Counter deadLettered;

    public TestJobCompletedConsumer(ResultService results, @Channel(DEAD_LETTERS) MutinyEmitter<byte[]> deadLetters,
            MeterRegistry metrics) {
        this.results = results;
        this.deadLetters = deadLetters;
        this.deadLettered = metrics.counter("ascent.patchrunner.dead.letters", "topic", "vm.results.v1");
    }

    @Incoming(RESULTS)
    public CompletionStage<Void> consume(Message<byte[]> message) {
        return Handling.handle(message, this::handle, deadLetters, deadLettered, "result record");
    }

    private void handle(Message<byte[]> message) {
        CloudEvents.requireType(message, RESULT_TYPE);
        TestJobCompleted r;
        try {
            r = TestJobCompleted.parseFrom(message.getPayload() == null ? new byte[0] : message.getPayload());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not a TestJobCompleted: " + e.getMessage(), e);
        }
        if (r.getJobId().isBlank()) {
            throw new IllegalArgumentException("result without a job_id");
        }
        RunMapping.fromProto(r.getStatus()); // an unspecified or unknown status is refused with the reason
        results.result(r);
    }
}
