package dev.ascent.patchrunner.messaging;

import dev.ascent.patchrunner.client.LedgerUnavailableException;
import io.micrometer.core.instrument.Counter;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.MutinyEmitter;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * How every consumer handles a record: off the event loop, one record after the other; a failure of the store is
 * tried again with backoff; a record that cannot be handled goes to the dead-letter topic with the reason and is
 * then acknowledged. Only when the dead letter itself cannot be written is the record refused, which stops the
 * channel: its offset is never committed unhandled.
 */
final class Handling {

    private static final Logger LOG = Logger.getLogger(Handling.class);
    private static final int TRIES = 5;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);

    private Handling() {
    }

    /** A record that cannot be handled, with the reason sent along with it. */
    static final class Refused extends RuntimeException {
        Refused(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    /**
     * Handles the message with {@code work}, which throws {@link IllegalArgumentException} (bad input) or
     * {@link Refused} for records to dead-letter; other failures are tried again.
     */
    static CompletionStage<Void> handle(Message<byte[]> message, Consumer<Message<byte[]>> work,
            MutinyEmitter<byte[]> deadLetters, Counter deadLettered, String what) {
        return Uni.createFrom().item(() -> {
            work.accept(message);
            return Boolean.TRUE;
        })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure(Handling::mayPass).retry().withBackOff(FIRST_BACKOFF, Duration.ofSeconds(5))
                .atMost(TRIES - 1)
                .onItem().transformToUni(done -> Uni.createFrom().completionStage(message.ack()))
                .onFailure().recoverWithUni(e -> {
                    String reason = reason(e);
                    if (e instanceof LedgerUnavailableException) {
                        // never taken for "untrusted": the webhook waits in the dead-letter topic for a replay
                        LOG.errorf("%s sent to the dead-letter topic: %s", what, reason);
                    } else {
                        LOG.warnf("%s sent to the dead-letter topic: %s", what, reason);
                    }
                    deadLettered.increment();
                    return deadLetters.sendMessage(DeadLetters.toDeadLetter(message, reason))
                            .onItem().transformToUni(x -> Uni.createFrom().completionStage(message.ack()))
                            .onFailure().recoverWithUni(dlq -> {
                                LOG.errorf("%s could not be sent to the dead-letter topic (%s): the channel stops",
                                        what, dlq.toString());
                                return Uni.createFrom().completionStage(message.nack(e));
                            });
                })
                .subscribeAsCompletionStage();
    }

    private static boolean mayPass(Throwable e) {
        return !(e instanceof IllegalArgumentException || e instanceof Refused
                || e instanceof LedgerUnavailableException);
    }

    private static String reason(Throwable e) {
        if (e instanceof LedgerUnavailableException) {
            return "the ledger could not be reached, so trust could not be decided: " + e.getMessage();
        }
        if (e instanceof IllegalArgumentException || e instanceof Refused) {
            return e.getMessage();
        }
        return "could not be handled after " + TRIES + " tries: " + e;
    }
}
