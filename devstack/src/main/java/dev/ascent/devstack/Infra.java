package dev.ascent.devstack;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The infrastructure the system needs, Kafka and MongoDB: external ones when {@code KAFKA_BOOTSTRAP_SERVERS} /
 * {@code MONGODB_URI} are set (system property or environment), else a local broker and the MongoDB stand-in.
 */
public final class Infra implements AutoCloseable {

    /** Names an external Kafka cluster (system property or environment variable); no local broker then. */
    public static final String KAFKA_BOOTSTRAP_SERVERS = "KAFKA_BOOTSTRAP_SERVERS";
    /** Names an external MongoDB (system property or environment variable); no local stand-in then. */
    public static final String MONGODB_URI = "MONGODB_URI";

    private static final Duration MONGO_READY_DEADLINE = Duration.ofSeconds(60);
    private static final Duration MONGO_STOP_GRACE = Duration.ofSeconds(15);

    /** The ports of the local infrastructure. */
    public record Ports(int kafka, int kafkaController, int mongo) {

        /** 9092 (Kafka), 9093 (Kafka controller), 27017 (MongoDB). */
        public static Ports defaults() {
            return new Ports(9092, 9093, 27017);
        }

        /** Three distinct ports that were free on 127.0.0.1 a moment ago, for tests. */
        public static Ports free() {
            int[] p = FreePorts.take(3);
            return new Ports(p[0], p[1], p[2]);
        }
    }

    private final String kafkaBootstrapServers;
    private final String mongoUri;
    private final KafkaBroker kafka;      // null when external
    private final ManagedProcess mongo;   // null when external
    private boolean closed;

    private Infra(String kafkaBootstrapServers, String mongoUri, KafkaBroker kafka, ManagedProcess mongo) {
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.mongoUri = mongoUri;
        this.kafka = kafka;
        this.mongo = mongo;
    }

    /**
     * Starts what is not given externally: a Kafka broker with its data in {@code dataDir/kafka} and the MongoDB
     * stand-in ({@link MongoMain} in a child JVM) with its H2 file {@code dataDir/mongo/ascent.mv.db}. Logs go
     * to {@code dataDir/logs}. Returns once both are ready; on failure, stops whatever it had started.
     */
    public static Infra start(Path dataDir, Ports ports) throws IOException {
        Path dir = dataDir.toAbsolutePath().normalize();
        Path logs = dir.resolve("logs");
        Optional<String> externalKafka = setting(KAFKA_BOOTSTRAP_SERVERS);
        Optional<String> externalMongo = setting(MONGODB_URI);

        // Fail before starting anything when a port is taken, typically by an earlier run still up.
        if (externalKafka.isEmpty()) {
            PortCheck.requireFree(ports.kafka(), "the Kafka broker");
            PortCheck.requireFree(ports.kafkaController(), "the Kafka controller");
        }
        if (externalMongo.isEmpty()) {
            PortCheck.requireFree(ports.mongo(), "the MongoDB stand-in");
        }

        ManagedProcess mongo = null;
        KafkaBroker kafka = null;
        try {
            if (externalMongo.isEmpty()) {
                // Launched first and awaited last: it comes up while the broker starts.
                mongo = ManagedProcess.start("mongo", ManagedProcess.javaCommand(
                        List.of("-Xmx512m", "-Dorg.slf4j.simpleLogger.showDateTime=true",
                                "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd HH:mm:ss.SSS"),
                        Locations.devstackClasspath(), MongoMain.class.getName(),
                        List.of("--port", Integer.toString(ports.mongo()),
                                "--file", dir.resolve("mongo/ascent.mv.db").toString())),
                        dir, Map.of(), logs.resolve("mongo.log"));
            }
            if (externalKafka.isEmpty()) {
                kafka = new KafkaBroker(dir.resolve("kafka"), Locations.kafkaLibs(), ports.kafka(),
                        ports.kafkaController(), logs.resolve("kafka.log"));
                kafka.start();
            }
            if (mongo != null) {
                mongo.waitForLog(MongoMain.READY_LINE, MONGO_READY_DEADLINE);
            }
        } catch (IOException | RuntimeException e) {
            stopQuietly(mongo, kafka, e);
            throw e;
        }
        return new Infra(
                externalKafka.orElseGet(kafka::bootstrapServers),
                externalMongo.orElse("mongodb://127.0.0.1:" + ports.mongo()),
                kafka, mongo);
    }

    /** Kafka's bootstrap servers, external or local. */
    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    /** MongoDB's connection string, external or local. */
    public String mongoUri() {
        return mongoUri;
    }

    /** The local broker, empty when Kafka is external. */
    public Optional<KafkaBroker> kafkaBroker() {
        return Optional.ofNullable(kafka);
    }

    /** The MongoDB stand-in's process, empty when MongoDB is external. */
    public Optional<ManagedProcess> mongoProcess() {
        return Optional.ofNullable(mongo);
    }

    /** Creates topics (name to partition count, replication factor 1) on Kafka, external or local; idempotent. */
    public void createTopics(Map<String, Integer> topicPartitions) {
        KafkaBroker.createTopics(kafkaBootstrapServers, topicPartitions);
    }

    /** Stops what this instance started, MongoDB then Kafka; external services are left alone. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = null;
        if (mongo != null) {
            try {
                mongo.stop(MONGO_STOP_GRACE);
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        if (kafka != null) {
            try {
                kafka.stop();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "Infra[kafka " + kafkaBootstrapServers + (kafka == null ? " (external)" : "")
                + ", mongo " + mongoUri + (mongo == null ? " (external)" : "") + "]";
    }

    /** A non-blank system property, else a non-blank environment variable. */
    static Optional<String> setting(String name) {
        return Optional.ofNullable(System.getProperty(name)).filter(v -> !v.isBlank())
                .or(() -> Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank()));
    }

    private static void stopQuietly(ManagedProcess mongo, KafkaBroker kafka, Exception cause) {
        if (mongo != null) {
            try {
                mongo.stop(MONGO_STOP_GRACE);
            } catch (RuntimeException e) {
                cause.addSuppressed(e);
            }
        }
        if (kafka != null) {
            try {
                kafka.stop();
            } catch (RuntimeException e) {
                cause.addSuppressed(e);
            }
        }
    }
}
