package dev.ascent.ledger.messaging;

import dev.ascent.ledger.mapping.ContributionMapping;
import dev.ascent.ledger.service.LedgerService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code contributions.v1}. A record it cannot fold goes to {@code contributions.v1.dlq} with the reason;
 * the offset is committed only once the contribution is stored and folded.
 */
@ApplicationScoped
public class ContributionConsumer {

    /** The channel of {@code contributions.v1}. */
    public static final String CHANNEL = "contributions";

    private final LedgerService ledger;

    public ContributionConsumer(LedgerService ledger) {
        this.ledger = ledger;
    }

    @Incoming(CHANNEL)
    @Blocking(ordered = true)
    public void consume(byte[] value) {
        ledger.record(List.of(ContributionMapping.fromBytes(value)));
    }
}
