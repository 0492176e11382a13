package dev.ascent.patchrunner.messaging;

import dev.ascent.patchrunner.PullRequestEvent;
import dev.ascent.patchrunner.mapping.PullRequestEventMapper;
import dev.ascent.patchrunner.service.PatchRunService;
import dev.ascent.patchrunner.service.TriggerPolicy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Consumes raw webhooks from {@code github.webhooks.v1}; the pull_request ones of served repositories start and
 * cancel runs. Other events are acknowledged untouched. A webhook that cannot be read, or whose trust could not be
 * decided because the ledger was unreachable, goes to {@code github.webhooks.v1.dlq} with the reason. The offset is
 * committed only after the run was stored.
 */
@ApplicationScoped
public class WebhookReceivedConsumer {

    /** The channel of {@code github.webhooks.v1}. */
    public static final String WEBHOOKS = "github-webhooks";
    /** The channel of {@code github.webhooks.v1.dlq}. */
    public static final String DEAD_LETTERS = "github-webhooks-dlq";
    /** The CloudEvents type of the webhooks handled here. */
    public static final String PULL_REQUEST_TYPE = "com.github.pull_request";

    private static final Logger LOG = Logger.getLogger(WebhookReceivedConsumer.class);

    private final PatchRunService runs;
    private final PullRequestEventMapper mapper;
    private final TriggerPolicy policy;
    private final MutinyEmitter<byte[]> deadLetters;
    private final Counter deadLettered;
    private final Counter otherEvents;

    public WebhookReceivedConsumer(PatchRunService runs, PullRequestEventMapper mapper, TriggerPolicy policy,
            @Channel(DEAD_LETTERS) MutinyEmitter<byte[]> deadLetters, MeterRegistry metrics) {
        this.runs = runs;
        this.mapper = mapper;
        this.policy = policy;
        this.deadLetters = deadLetters;
        this.deadLettered = metrics.counter("ascent.patchrunner.dead.letters", "topic", "github.webhooks.v1");
        this.otherEvents = Counter.builder("ascent.patchrunner.webhooks.ignored")
                .description("Webhooks of other events than pull_request, or of repositories not served")
                .register(metrics);
    }

    @Incoming(WEBHOOKS)
    public CompletionStage<Void> consume(Message<byte[]> message) {
        return Handling.handle(message, this::handle, deadLetters, deadLettered, "webhook");
    }

    private void handle(Message<byte[]> message) {
        Headers headers = CloudEvents.headers(message);
        String type = CloudEvents.header(headers, "ce_type").orElse(null);
        if (type == null || !type.startsWith("com.github.")) {
            throw new IllegalArgumentException("record has no ce_type header of a GitHub event (com.github.*): "
                    + type);
        }
        if (!type.equals(PULL_REQUEST_TYPE)) {
            otherEvents.increment();
            return;
        }
        String deliveryId = CloudEvents.header(headers, "ce_id").filter(id -> !id.isBlank())
                .orElseThrow(() -> new IllegalArgumentException("record has no ce_id header (the delivery id)"));
        if (message.getPayload() == null) {
            throw new IllegalArgumentException("delivery " + deliveryId + " has no body");
        }
        Optional<PullRequestEvent> event;
        try {
            event = mapper.fromJson(deliveryId, message.getPayload(), policy::serves);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pull_request delivery " + deliveryId + " cannot be read: "
                    + e.getMessage(), e);
        }
        if (event.isEmpty()) {
            otherEvents.increment();
            return;
        }
        String outcome = runs.handleWebhook(event.get());
        LOG.infof("pull_request %s of %s (delivery %s): %s", event.get().action(), event.get().pullRequest().key(),
                deliveryId, outcome);
    }
}
