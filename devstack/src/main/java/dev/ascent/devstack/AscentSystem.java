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
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The whole system on one machine: the infrastructure ({@link Infra}), the topics, and each service as its own JVM
 * from its packaged {@code quarkus-app}, started in dependency order and waited on until healthy. Used by the local
 * run and by the end-to-end tests.
 */
public final class AscentSystem implements AutoCloseable {

    /** The architectures of patch runs: a job topic and a local worker each. */
    public static final List<String> WORKER_ARCHS = List.of("amd64", "arm64", "riscv64");

    /** Every topic the services use, with its partition count. */
    public static final Map<String, Integer> TOPICS = topics();

    /** The admin of a local run, when {@code ASCENT_ADMIN_TOKENS} is not set. */
    public static final String LOCAL_ADMIN = "local-admin";
    /** The GitHub id the local admin acts as (a placeholder: no such admin exists outside a local run). */
    public static final long LOCAL_ADMIN_ID = 999_999_999L;
    /** That admin's bearer token. A local run only: production admins come from {@code ASCENT_ADMIN_TOKENS}. */
    public static final String LOCAL_ADMIN_TOKEN = "local-admin-token";

    private static final Duration READY_DEADLINE = Duration.ofSeconds(120);
    /** How a worker's log says why it stopped at its start (vm-worker's WorkerApp). */
    private static final String WORKER_CANNOT_RUN = "this machine cannot run";
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    /** The ports of the services. */
    public record ServicePorts(int gatewayHttp, int gatewayGrpc, int ingestHttp, int ledgerHttp, int ledgerGrpc,
            int ingestGrpc, int patchRunnerHttp, int patchRunnerGrpc, int workerHttp) {

        /**
         * 8080 and 9090 (gateway: webhooks and the public gRPC API), 8081 and 9081 (ingest), 8082 and 9082 (ledger),
         * 8083 and 9083 (patch-runner), 8084 and up (the workers' health, one port per architecture).
         */
        public static ServicePorts defaults() {
            return new ServicePorts(8080, 9090, 8081, 8082, 9082, 9081, 8083, 9083, 8084);
        }

        /** Ports that were free a moment ago, for tests (the workers' are taken when they start). */
        public static ServicePorts free() {
            int[] p = FreePorts.take(8);
            return new ServicePorts(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], 0);
        }
    }

    /**
     * What a start adds to the services: the architectures to start a local patch-run worker for, and environment
     * variables per service (by name), e.g. to point patch-runner at a test's diff server.
     */
    public record Options(List<String> workers, Map<String, Map<String, String>> env) {

        public Options {
            workers = List.copyOf(workers);
            env = Map.copyOf(env);
        }

        /** No worker, no extra environment: the services alone. */
        public static Options none() {
            return new Options(List.of(), Map.of());
        }

        /** One worker per architecture patch runs use (those this machine cannot serve say so and stop). */
        public static Options localWorkers() {
            return new Options(WORKER_ARCHS, Map.of());
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
    private final Map<String, String> workersNotStarted = new LinkedHashMap<>();

    private AscentSystem(Path dataDir, Infra infra, ServicePorts ports, String webhookSecret, Options options) {
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
        add(new Service("patch-runner", home.resolve("services/patch-runner"), ports.patchRunnerHttp(),
                with(common, Map.of(
                        "PATCH_RUNNER_HTTP_PORT", Integer.toString(ports.patchRunnerHttp()),
                        "PATCH_RUNNER_GRPC_PORT", Integer.toString(ports.patchRunnerGrpc()),
                        "LEDGER_GRPC_PORT", Integer.toString(ports.ledgerGrpc())))));
        add(new Service("gateway", home.resolve("gateway"), ports.gatewayHttp(), with(common, Map.of(
                "GATEWAY_HTTP_PORT", Integer.toString(ports.gatewayHttp()),
                "GATEWAY_GRPC_PORT", Integer.toString(ports.gatewayGrpc()),
                "LEDGER_GRPC_PORT", Integer.toString(ports.ledgerGrpc()),
                "INGEST_GRPC_PORT", Integer.toString(ports.ingestGrpc()),
                "PATCH_RUNNER_GRPC_PORT", Integer.toString(ports.patchRunnerGrpc()),
                "GITHUB_WEBHOOK_SECRET", webhookSecret,
                "ASCENT_ADMIN_TOKENS", adminTokens(),
                // The local run: the portal's plain sign-in form and local roles, no GitHub sign-in.
                "QUARKUS_PROFILE", "local"))));
        // ASCENT_WORKER_SOURCES ("base=path,…") when set, else the 3.11 source vm-worker/prepare-host fetched
        Optional<String> sources = Optional.ofNullable(System.getenv("ASCENT_WORKER_SOURCES")).filter(v -> !v.isBlank())
                .or(() -> Locations.cpythonSource().map(p -> Locations.CPYTHON_BASE + "=" + p));
        int[] workerPorts = ports.workerHttp() > 0 ? null : FreePorts.take(Math.max(1, options.workers().size()));
        for (int i = 0; i < options.workers().size(); i++) {
            String arch = options.workers().get(i);
            String name = "worker-" + arch;
            if (sources.isEmpty()) {
                workersNotStarted.put(name, "no CPython source (run vm-worker/prepare-host as root, or set "
                        + "ASCENT_CPYTHON_SOURCE)");
                continue;
            }
            int port = workerPorts == null ? ports.workerHttp() + WORKER_ARCHS.indexOf(arch) : workerPorts[i];
            add(new Service(name, home.resolve("vm-worker"), port, with(common, Map.of(
                    "WORKER_HTTP_PORT", Integer.toString(port),
                    "ASCENT_WORKER_ARCH", arch,
                    "ASCENT_WORKER_DIR", Locations.vmWorkerDir().toString(),
                    "ASCENT_WORKER_SOURCES", sources.get(),
                    "PATCH_RUNNER_GRPC_PORT", Integer.toString(ports.patchRunnerGrpc())))));
        }
        options.env().forEach((service, env) -> {
            Service s = services.get(service);
            if (s == null) {
                throw new IllegalArgumentException("no service " + service + " to give " + env.keySet());
            }
            services.put(service, new Service(s.name(), s.app(), s.httpPort(), with(s.env(), env)));
        });
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
        return start(dataDir, infraPorts, ports, webhookSecret, Options.none());
    }

    /**
     * As {@link #start(Path, Infra.Ports, ServicePorts, String)}, with local patch-run workers and extra environment.
     * A worker whose machine cannot serve its architecture stops with the reason, which {@link #workersNotStarted()}
     * keeps; the rest of the system runs without it.
     */
    public static AscentSystem start(Path dataDir, Infra.Ports infraPorts, ServicePorts ports, String webhookSecret,
            Options options) throws IOException {
        Infra infra = Infra.start(dataDir, infraPorts);
        AscentSystem system = null;
        try {
            infra.createTopics(TOPICS);
            system = new AscentSystem(dataDir.toAbsolutePath(), infra, ports, webhookSecret, options);
            for (String name : system.services.keySet()) {
                if (name.startsWith("worker-")) {
                    system.startWorker(name);
                } else {
                    system.startService(name);
                }
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

    /** The workers that did not start, each with the reason (the machine cannot serve its architecture). */
    /** The health port of the local worker of {@code arch}; empty when the system has none. */
    public OptionalInt workerHttpPort(String arch) {
        Service s = services.get("worker-" + arch);
        return s == null ? OptionalInt.empty() : OptionalInt.of(s.httpPort());
    }

    public Map<String, String> workersNotStarted() {
        return Map.copyOf(workersNotStarted);
    }

    /** Starts a worker; one that stops because the machine cannot serve its architecture is noted, not an error. */
    private void startWorker(String name) throws IOException {
        try {
            startService(name);
        } catch (IllegalStateException e) {
            ManagedProcess p = running.remove(name);
            if (p == null || p.isAlive()) {
                throw e;
            }
            String reason = p.logTail().lines().filter(l -> l.contains(WORKER_CANNOT_RUN))
                    .map(l -> l.substring(l.indexOf(WORKER_CANNOT_RUN))).reduce((a, b) -> b)
                    .orElse("it stopped at its start; see " + p.logFile());
            workersNotStarted.put(name, reason);
        }
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
        // one job topic per architecture, so that each pool of workers scales on its own lag; a partition is the
        // most one worker takes at a time, so the partition count caps a pool's size
        for (String arch : WORKER_ARCHS) {
            t.put("vm.jobs." + arch, 6);
            t.put("vm.jobs." + arch + ".dlq", 1);
        }
        t.put("vm.progress.v1", 3);
        t.put("vm.progress.v1.dlq", 1);
        t.put("vm.results.v1", 3);
        t.put("vm.results.v1.dlq", 1);
        return Map.copyOf(t);
    }
}
