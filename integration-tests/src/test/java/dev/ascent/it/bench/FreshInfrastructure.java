package dev.ascent.it.bench;

import dev.ascent.devstack.Infra;
import java.util.List;

/** The benchmarks start their own Kafka and MongoDB stand-in, so that earlier data cannot change the figures. */
final class FreshInfrastructure {

    private FreshInfrastructure() {
    }

    /** Exits with status 2 and the reason when Kafka or MongoDB is given from outside. */
    static void require(String when) {
        for (String external : List.of(Infra.KAFKA_BOOTSTRAP_SERVERS, Infra.MONGODB_URI)) {
            if (System.getenv(external) != null || System.getProperty(external) != null) {
                System.err.println("Unset " + external + ": the benchmark starts a fresh Kafka and MongoDB stand-in"
                        + when + ", so that earlier data cannot change the figures.");
                System.exit(2);
            }
        }
    }
}
