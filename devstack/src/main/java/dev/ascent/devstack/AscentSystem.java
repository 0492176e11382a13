package dev.ascent.devstack;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The whole system on one machine: the infrastructure ({@link Infra}), the topics, and each service as its own JVM
 * from its packaged {@code quarkus-app}, started in dependency order and waited on until healthy. Used by the local
 * run and by the end-to-end tests.
 */
public final class AscentSystem implements AutoCloseable {

    /** Every topic the services use, with its partition count. */
    public static final Map<String, Integer> TOPICS = topics();

    /** The admin of a local run, when {@code ASCENT_ADMIN_TOKENS} is not set. */
    public static final String LOCAL_ADMIN = "local-admin";
    /** The GitHub id the local admin acts as (a placeholder: no such admin exists outside a local run). */
    public static final long LOCAL_ADMIN_ID = 999_999_999L;
    /** That admin's bearer token. A local run only: production admins come from {@code ASCENT_ADMIN_TOKENS}. */
    public static final String LOCAL_ADMIN_TOKEN = "local-admin-token";

    private static final Duration READY_DEADLINE = Duration.ofSeconds(120);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    /** The ports of the services. */
    public record ServicePorts(int gatewayHttp, int gatewayGrpc, int ingestHttp, int ledgerHttp, int ledgerGrpc,
            int ingestGrpc) {

        /**
         * 8080 and 9090 (gateway: webhooks and the public gRPC API), 8081 and 9081 (ingest), 8082 and 9082 (ledger).
         */
        public static ServicePorts defaults() {
            return new ServicePorts(8080, 9090, 8081, 8082, 9082, 9081);
        }

        /** Ports that were free a moment ago, for tests. */
        public static ServicePorts free() {
            int[] p = FreePorts.take(6);
            return new ServicePorts(p[0], p[1], p[2], p[3], p[4], p[5]);
        }
    }

    /** One service: its module folder, HTTP port (for health) and environment. */
    private record Service(String name, Path app, int httpPort, Map<String, String> env) {
    }

    private final Path dataDir;
    private final Infra infra;
    private final ServicePorts ports;
    private final Map<String, Service> services = new LinkedHashMap<>();
    private final Map<String, ManagedProcess> running = new LinkedHashMap<>();

    private AscentSystem(Path dataDir, Infra infra, ServicePorts ports, String webhookSecret) {
        this.dataDir = dataDir;
        this.infra = infra;
        this.ports = ports;
        Path home = Locations.home();
        Map<String, String> common = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", infra.kafkaBootstrapServers(),
                "MONGODB_URI", infra.mongoUri());
        add(new Service("ledger", home.resolve("services/ledger"), ports.ledgerHttp(), with(common, Map.of(
                "LEDGER_HTTP_PORT", Integer.toString(ports.ledgerHttp()),
                "LEDGER_GRPC_PORT", Integer.toString(ports.ledgerGrpc())))));
        add(new Service("ingest", home.resolve("services/ingest"), ports.ingestHttp(), with(common, Map.of(
                "INGEST_HTTP_PORT", Integer.toString(ports.ingestHttp()),
                "INGEST_GRPC_PORT", Integer.toString(ports.ingestGrpc())))));
        add(new Service("gateway", home.resolve("gateway"), ports.gatewayHttp(), with(common, Map.of(
                "GATEWAY_HTTP_PORT", Integer.toString(ports.gatewayHttp()),
                "GATEWAY_GRPC_PORT", Integer.toString(ports.gatewayGrpc()),
                "LEDGER_GRPC_PORT", Integer.toString(ports.ledgerGrpc()),
                "INGEST_GRPC_PORT", Integer.toString(ports.ingestGrpc()),
                "GITHUB_WEBHOOK_SECRET", webhookSecret,
                "ASCENT_ADMIN_TOKENS", adminTokens(),
                // The local run: the portal's plain sign-in form and local roles, no GitHub sign-in.
                "QUARKUS_PROFILE", "local"))));
    }

    /** {@code ASCENT_ADMIN_TOKENS} when set, else the local admin's entry ("login:githubId:sha256-of-token"). */
    static String adminTokens() {
        String configured = System.getenv("ASCENT_ADMIN_TOKENS");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(LOCAL_ADMIN_TOKEN.getBytes(StandardCharsets.UTF_8));
            return LOCAL_ADMIN + ":" + LOCAL_ADMIN_ID + ":" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /**
     * Starts the infrastructure (or uses {@code KAFKA_BOOTSTRAP_SERVERS} / {@code MONGODB_URI}), creates the topics
     * and starts every service; returns once all are healthy. On failure, stops what it started.
     */
    public static AscentSystem start(Path dataDir, Infra.Ports infraPorts, ServicePorts ports, String webhookSecret)
            throws IOException {
        Infra infra = Infra.start(dataDir, infraPorts);
        AscentSystem system = null;
        try {
            infra.createTopics(TOPICS);
            system = new AscentSystem(dataDir.toAbsolutePath(), infra, ports, webhookSecret);
            for (String name : system.services.keySet()) {
                system.startService(name);
            }
            return system;
        } catch (IOException | RuntimeException e) {
            if (system != null) {
                system.close();
            } else {
                infra.close();
            }
            throw e;
        }
    }

    public Infra infra() {
        return infra;
    }

    public ServicePorts ports() {
        return ports;
    }

    /** The names of the services, in start order. */
    public List<String> serviceNames() {
        return new ArrayList<>(services.keySet());
    }

    /** The running process of a service. */
    public ManagedProcess process(String name) {
        ManagedProcess p = running.get(name);
        if (p == null) {
            throw new IllegalArgumentException("service " + name + " is not running");
        }
        return p;
    }

    /** Starts a service (again) and waits until its readiness check answers UP. */
    public synchronized void startService(String name) throws IOException {
        Service s = services.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no service " + name);
        }
        Path jar = s.app().resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + " is not built: " + jar + " is missing. Build first: ./mvnw -DskipTests install");
        }
        List<String> cmd = ManagedProcess.javaCommand(javaOptions(name), jar.toString(), "io.quarkus.bootstrap.runner.QuarkusEntryPoint", List.of());
        ManagedProcess p = ManagedProcess.start(name, cmd, s.app(), s.env(), dataDir.resolve("logs/" + name + ".log"));
        running.put(name, p);
        waitUntilReady(s, p);
    }

    /**
     * The JVM options of a service: {@code ASCENT_<NAME>_JAVA_OPTS} (e.g. {@code ASCENT_LEDGER_JAVA_OPTS="-Xmx4g"})
     * when set, else small ones that start fast on a laptop. Always with what Quarkus' runner jar asks for in its
     * manifest ({@code Add-Opens}, {@code Enable-Native-Access}), which only {@code java -jar} would honour: the
     * services are started by class name.
     */
    static List<String> javaOptions(String service) {
        List<String> options = new ArrayList<>(List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "--add-opens", "java.base/java.nio=ALL-UNNAMED", "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED",
                "--enable-native-access=ALL-UNNAMED"));
        String configured = System.getenv("ASCENT_" + service.toUpperCase(Locale.ROOT) + "_JAVA_OPTS");
        if (configured != null && !configured.isBlank()) {
            options.addAll(List.of(configured.trim().split("\\s+")));
        } else {
            options.addAll(List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        }
        return options;
    }

    /** Kills a service the hard way (SIGKILL and its whole tree), as a crash would. */
    public synchronized void killService(String name) {
        ManagedProcess p = running.remove(name);
        if (p != null) {
            p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            p.toHandle().destroyForcibly();
            p.waitForExit(STOP_GRACE);
        }
    }

    /** Stops a service gracefully. */
    public synchronized void stopService(String name) {
        ManagedProcess p = running.remove(name);
        if (p != null) {
            p.stop(STOP_GRACE);
        }
    }

    /** The base URL of the gateway's HTTP server. */
    public String gatewayUrl() {
        return "http://127.0.0.1:" + ports.gatewayHttp();
    }

    private void waitUntilReady(Service s, ManagedProcess p) {
        p.waitForHttpOk(URI.create("http://127.0.0.1:" + s.httpPort() + "/q/health/ready"), READY_DEADLINE);
    }

    /** Stops the services in reverse order, then the infrastructure it started. */
    @Override
    public synchronized void close() {
        List<String> names = new ArrayList<>(running.keySet());
        for (int i = names.size() - 1; i >= 0; i--) {
            stopService(names.get(i));
        }
        infra.close();
    }

    private void add(Service s) {
        services.put(s.name(), s);
    }

    private static Map<String, String> with(Map<String, String> a, Map<String, String> b) {
        Map<String, String> m = new LinkedHashMap<>(a);
        m.putAll(b);
        return m;
    }

    private static Map<String, Integer> topics() {
        Map<String, Integer> t = new LinkedHashMap<>();
        t.put("github.webhooks.v1", 3);
        t.put("github.webhooks.v1.dlq", 1);
        t.put("contributions.v1", 6);
        t.put("contributions.v1.dlq", 1);
        return Map.copyOf(t);
    }
}
