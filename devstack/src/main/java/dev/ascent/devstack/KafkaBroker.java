package dev.ascent.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

/** A real Apache Kafka broker in KRaft combined mode (broker + controller, one node), run as a child JVM. */
public final class KafkaBroker implements AutoCloseable {

    /** The line the broker logs once it serves clients. */
    public static final String READY_LINE = "Kafka Server started";

    private static final String HOST = "127.0.0.1";
    private static final Duration FORMAT_DEADLINE = Duration.ofSeconds(60);
    private static final Duration READY_DEADLINE = Duration.ofSeconds(90);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration ADMIN_DEADLINE = Duration.ofSeconds(30);

    private final Path dataDir;
    private final Path kafkaLibsDir;
    private final int port;
    private final int controllerPort;
    private final Path logFile;

    private ManagedProcess process;
    private Duration lastStartupTime;

    /**
     * @param dataDir      holds server.properties, the log4j2 config and the broker's log directory; keep it to keep the data
     * @param kafkaLibsDir the broker's jars, normally {@link Locations#kafkaLibs()}
     * @param logFile      the broker's stdout/stderr (appended)
     */
    public KafkaBroker(Path dataDir, Path kafkaLibsDir, int port, int controllerPort, Path logFile) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.kafkaLibsDir = kafkaLibsDir.toAbsolutePath().normalize();
        this.port = port;
        this.controllerPort = controllerPort;
        this.logFile = logFile.toAbsolutePath().normalize();
    }

    /** A broker on {@code dataDir} using the jars at {@link Locations#kafkaLibs()}. */
    public static KafkaBroker create(Path dataDir, int port, int controllerPort, Path logFile) {
        return new KafkaBroker(dataDir, Locations.kafkaLibs(), port, controllerPort, logFile);
    }

    /**
     * Writes the configuration, formats the storage on first use only (so data survives restarts), starts the
     * broker and waits up to 90 s for it to be ready.
     */
    public synchronized void start() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("Kafka broker already running: " + process);
        }
        long begin = System.nanoTime();
        PortCheck.requireFree(port, "the Kafka broker");
        PortCheck.requireFree(controllerPort, "the Kafka controller");
        Files.createDirectories(dataDir);
        Path properties = dataDir.resolve("server.properties");
        Path log4j = dataDir.resolve("log4j2.properties");
        Files.writeString(properties, serverProperties());
        Files.writeString(log4j, LOG4J2_CONFIG);

        if (!isFormatted()) {
            format(properties, log4j);
        }
        ManagedProcess broker = ManagedProcess.start("kafka", ManagedProcess.javaCommand(
                jvmArgs(log4j, "-Xmx512m"), classpath(), "kafka.Kafka", List.of(properties.toString())),
                dataDir, Map.of(), logFile);
        try {
            broker.waitForLog(READY_LINE, READY_DEADLINE);
        } catch (RuntimeException e) {
            broker.stop(Duration.ofSeconds(5));
            throw e;
        }
        process = broker;
        lastStartupTime = Duration.ofNanos(System.nanoTime() - begin);
    }

    /** {@code 127.0.0.1:<port>}. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    public int controllerPort() {
        return controllerPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path logFile() {
        return logFile;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The broker process's id, or -1 when not running. */
    public synchronized long pid() {
        return isRunning() ? process.pid() : -1;
    }

    /** How long the last {@link #start()} took, format included; zero before the first start. */
    public synchronized Duration lastStartupTime() {
        return lastStartupTime == null ? Duration.ZERO : lastStartupTime;
    }

    /** Creates the topics (name to partition count, replication factor 1) on this broker; existing ones are left as they are. */
    public void createTopics(Map<String, Integer> topicPartitions) {
        createTopics(bootstrapServers(), topicPartitions);
    }

    /** Creates the topics (name to partition count, replication factor 1) on any cluster; existing ones are left as they are. */
    public static void createTopics(String bootstrapServers, Map<String, Integer> topicPartitions) {
        if (topicPartitions.isEmpty()) {
            return;
        }
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "devstack-topics");
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_DEADLINE.toMillis());
        List<NewTopic> topics = new ArrayList<>();
        topicPartitions.forEach((name, partitions) -> topics.add(new NewTopic(name, partitions, (short) 1)));
        try (Admin admin = Admin.create(config)) {
            for (Map.Entry<String, KafkaFuture<Void>> created : admin.createTopics(topics).values().entrySet()) {
                try {
                    created.getValue().get(ADMIN_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Cannot create topic " + created.getKey() + " on "
                                + bootstrapServers + ": " + e.getCause(), e.getCause());
                    }
                } catch (TimeoutException e) {
                    throw new IllegalStateException("Creating topic " + created.getKey() + " on " + bootstrapServers
                            + " took longer than " + ADMIN_DEADLINE.toSeconds() + " s", e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while creating topics", e);
                }
            }
        }
    }

    /** Stops the broker gracefully (SIGTERM, controlled shutdown; forcibly after 30 s). No-op when not running. */
    public synchronized void stop() {
        if (process != null) {
            try {
                process.stop(STOP_GRACE);
            } finally {
                process = null;
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "KafkaBroker[" + bootstrapServers() + ", controller " + HOST + ":" + controllerPort + ", " + dataDir + "]";
    }

    private Path logDirs() {
        return dataDir.resolve("kraft-combined-logs");
    }

    /** Formatted once {@code meta.properties} exists in the log directory. */
    private boolean isFormatted() {
        return Files.isRegularFile(logDirs().resolve("meta.properties"));
    }

    private void format(Path properties, Path log4j) throws IOException {
        String clusterId = Uuid.randomUuid().toString();
        ManagedProcess tool = ManagedProcess.start("kafka-storage-format", ManagedProcess.javaCommand(
                jvmArgs(log4j, "-Xmx256m"), classpath(), "kafka.tools.StorageTool",
                List.of("format", "--standalone", "-t", clusterId, "-c", properties.toString())),
                dataDir, Map.of(), logFile);
        try {
            int exit = tool.waitForExit(FORMAT_DEADLINE);
            if (exit != 0) {
                throw new IllegalStateException("Formatting the Kafka storage in " + logDirs() + " failed with exit code "
                        + exit + "; last lines of " + logFile + ":\n" + tool.logTail());
            }
        } finally {
            tool.stop(Duration.ofSeconds(5));
        }
    }

    private String classpath() {
        if (!Files.isDirectory(kafkaLibsDir)) {
            throw new UncheckedIOException(new IOException("Kafka jars directory not found: " + kafkaLibsDir));
        }
        return kafkaLibsDir + java.io.File.separator + "*";
    }

    private static List<String> jvmArgs(Path log4j, String heap) {
        return List.of(heap,
                "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20", "-XX:InitiatingHeapOccupancyPercent=35",
                "-XX:+ExplicitGCInvokesConcurrent",
                "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + log4j.toUri());
    }

    private String serverProperties() {
        return String.join("\n",
                "# Written by dev.ascent.devstack.KafkaBroker on every start; edits are overwritten.",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=" + HOST + ":" + controllerPort,
                "listeners=PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort,
                "advertised.listeners=PLAINTEXT://" + HOST + ":" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + logDirs(),
                "num.partitions=3",
                "auto.create.topics.enable=false",
                "default.replication.factor=1",
                "min.insync.replicas=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=6",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "");
    }

    private static final String LOG4J2_CONFIG = String.join("\n",
            "# Written by dev.ascent.devstack.KafkaBroker: everything at INFO to stdout (the broker's log file).",
            "status = warn",
            "appender.stdout.type = Console",
            "appender.stdout.name = STDOUT",
            "appender.stdout.target = SYSTEM_OUT",
            "appender.stdout.layout.type = PatternLayout",
            "appender.stdout.layout.pattern = [%d] %p %m (%c)%n",
            "rootLogger.level = INFO",
            "rootLogger.appenderRef.stdout.ref = STDOUT",
            "");
}
