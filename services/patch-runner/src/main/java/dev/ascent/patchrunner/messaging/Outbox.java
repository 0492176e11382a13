package dev.ascent.patchrunner.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * The publishing half of an outbox: records are stored first, then sent; each is marked published once Kafka
 * acknowledged it, and the rest are sent again by {@link OutboxSweeper}. Shared by jobs and contributions.
 */
final class Outbox {

    private static final Logger LOG = Logger.getLogger(Outbox.class);
    private static final Duration ACK_DEADLINE = Duration.ofSeconds(30);

    private Outbox() {
    }

    /**
     * Sends the messages (by id, in order), waits for Kafka's acknowledgements, marks each acknowledged id; returns
     * how many were. {@code what} names the records in log lines ("job", "contribution").
     */
    static int send(MutinyEmitter<byte[]> emitter, Map<String, Message<byte[]>> messages, Consumer<String> mark,
            String what) {
        if (messages.isEmpty()) {
            return 0;
        }
        List<Uni<String>> sends = new ArrayList<>(messages.size());
        messages.forEach((id, message) -> sends.add(emitter.sendMessage(message).replaceWith(id)
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("%s %s not acknowledged by Kafka (published again later): %s", what, id, e.toString());
                    return null;
                })));
        List<String> acked;
        try {
            acked = Uni.join().all(sends).andFailFast().await().atMost(ACK_DEADLINE);
        } catch (RuntimeException e) {
            LOG.warnf("%ss not acknowledged by Kafka within %s (published again later): %s", what, ACK_DEADLINE, e);
            return 0;
        }
        int n = 0;
        for (String id : acked) {
            if (id != null) {
                mark.accept(id);
                n++;
            }
        }
        return n;
    }

    /**
     * Publishes batch after batch of what is still unpublished ({@code batch} of a size), until a batch is not full
     * or nothing of one was acknowledged; returns how many were.
     */
    static <T> int drain(IntFunction<List<T>> batch, int size, ToIntFunction<List<T>> publish) {
        int total = 0;
        while (true) {
            List<T> next = batch.apply(size);
            if (next.isEmpty()) {
                return total;
            }
            int sent = publish.applyAsInt(next);
            total += sent;
            if (next.size() < size || sent == 0) {
                return total;
            }
        }
    }
}
