package dev.ascent.it.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ascent.devstack.AscentSystem;
import dev.ascent.devstack.Locations;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deployment files agree with the code: every YAML under {@code deploy/k8s} and {@code docker-compose.yml} against
 * devstack's topics and architectures and the environment variables each module's {@code application.properties}
 * reads. Plain parsing; nothing is built, applied or started.
 */
class DeployFilesTest {

    private static final Path HOME = Locations.home();
    private static final Path K8S = HOME.resolve("deploy/k8s");
    private static final Path COMPOSE = HOME.resolve("docker-compose.yml");
    private static final YAMLMapper YAML = new YAMLMapper();

    /** The deployed modules by image name ({@code ascent/<name>}), each with its folder. */
    private static final Map<String, String> MODULES = Map.of(
            "gateway", "gateway",
            "ingest", "services/ingest",
            "ledger", "services/ledger",
            "patch-runner", "services/patch-runner",
            "vm-worker", "vm-worker");

    /**
     * Variables a module reads other than through {@code ${...}} in its application.properties: Quarkus reads them
     * itself. The gateway's application.properties has the {@code %local} profile and names the session key.
     */
    private static final Map<String, Set<String>> READ_BY_QUARKUS = Map.of(
            "gateway", Set.of("QUARKUS_PROFILE", "QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY"));

    /** vm-worker's consumer group for an architecture (WorkerApp: {@code vm-worker-<arch>} unless configured). */
    private static String workerGroup(String arch) {
        return "vm-worker-" + arch;
    }

    /**
     * The label that marks a worker as emulated: cross-built and run under qemu-user on nodes of another architecture,
     * the label's value. A worker off its own architecture without it is a mistake.
     */
    private static final String EMULATED_ON = "ascent.dev/emulated-on";

    /** The node architecture emulated workers run on: the cross image is built for amd64 only. */
    private static final String CROSS_NODE_ARCH = "amd64";

    /**
     * The cross image (deploy/docker/Dockerfile.vm-worker with CROSS_ARCHS="arm64 riscv64"): the worker with the cross
     * compilers, the target libraries (riscv64's sysroot) and qemu-user-static. A repository of its own.
     */
    private static final String CROSS_IMAGE = "ascent/vm-worker-cross";

    /** vm-worker/cross-host ARCH in a command line: it registers qemu for ARCH (unless ASCENT_CROSS_NO_BINFMT=1). */
    private static final Pattern CROSS_HOST = Pattern.compile("(?:^|[\\s/])cross-host\\s+([a-z0-9]+)");

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::([^}]*))?}");
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1");

    // ---- topics ----

    @Test
    void kafkaTopicsAreDevstacksWithTheirPartitionCounts() {
        Map<String, Integer> declared = new TreeMap<>();
        for (Doc d : k8s()) {
            if (d.kind().equals("KafkaTopic") && d.file().startsWith(K8S.resolve("base"))) {
                String name = d.node().path("spec").path("topicName").asText(d.name());
                Integer before = declared.put(name, d.node().path("spec").path("partitions").asInt(-1));
                assertNull(before, "KafkaTopic " + name + " is declared twice");
            }
        }
        assertEquals(new TreeMap<>(AscentSystem.TOPICS), declared,
                "deploy/k8s/base's KafkaTopics (name to partitions) are not devstack's AscentSystem.TOPICS");
        // an overlay may change a topic's settings, never its partitions
        for (Doc d : k8s()) {
            if (d.kind().equals("KafkaTopic") && !d.file().startsWith(K8S.resolve("base"))
                    && d.node().path("spec").has("partitions")) {
                assertEquals(AscentSystem.TOPICS.get(d.name()), d.node().path("spec").path("partitions").asInt(),
                        d + " changes the partitions of " + d.name());
            }
        }
    }

    @Test
    void composeCreatesDevstacksTopicsWithTheirPartitionCounts() {
        JsonNode init = composeServices().path("kafka-init");
        assertFalse(init.isMissingNode(), "docker-compose.yml has no kafka-init service");
        Map<String, Integer> created = new TreeMap<>();
        for (String t : init.path("environment").path("TOPICS").asText().trim().split("\\s+")) {
            int colon = t.lastIndexOf(':');
            assertTrue(colon > 0, "kafka-init's TOPICS entry '" + t + "' is not topic:partitions");
            created.put(t.substring(0, colon), Integer.parseInt(t.substring(colon + 1)));
        }
        assertEquals(new TreeMap<>(AscentSystem.TOPICS), created,
                "docker-compose.yml's kafka-init TOPICS are not devstack's AscentSystem.TOPICS");
        assertTrue(init.path("command").toString().contains("$$TOPICS"), "kafka-init's command does not use $TOPICS");
    }

    // ---- workers ----

    @Test
    void eachWorkerServesItsNodesArchitectureAndScalesOnItsJobTopic() {
        Map<String, Doc> workers = new TreeMap<>();
        Map<String, Doc> scalers = new TreeMap<>();
        for (Doc d : k8s()) {
            if (d.file().startsWith(K8S.resolve("workers"))) {
                if (d.kind().equals("Deployment")) {
                    workers.put(d.name(), d);
                } else if (d.kind().equals("ScaledObject")) {
                    scalers.put(d.name(), d);
                }
            }
        }
        Set<String> archs = new TreeSet<>();
        for (Doc w : workers.values()) {
            JsonNode pod = w.node().path("spec").path("template").path("spec");
            Map<String, String> env = env(w.node());
            String arch = env.get("ASCENT_WORKER_ARCH");
            // natively on nodes of its architecture, or marked emulated, on amd64, from the cross image
            assertEquals(List.of(), placement(w.toString(), w.node()));
            archs.add(arch);
            assertTrue(mountPaths(pod).contains(env.get("ASCENT_WORKER_DIR")),
                    w + ": ASCENT_WORKER_DIR " + env.get("ASCENT_WORKER_DIR") + " is not a mounted volume");
        }
        assertEquals(new TreeSet<>(AscentSystem.WORKER_ARCHS), archs, "one worker Deployment per architecture");

        Set<String> scaled = new TreeSet<>();
        for (Doc s : scalers.values()) {
            Doc w = workers.get(s.node().path("spec").path("scaleTargetRef").path("name").asText());
            assertTrue(w != null, s + " scales no worker Deployment of deploy/k8s/workers");
            String arch = env(w.node()).get("ASCENT_WORKER_ARCH");
            scaled.add(arch);
            JsonNode triggers = s.node().path("spec").path("triggers");
            assertEquals(1, triggers.size(), s + ": one trigger, the job topic's lag");
            JsonNode kafka = triggers.get(0);
            assertEquals("kafka", kafka.path("type").asText(), s + ": a Kafka trigger");
            JsonNode m = kafka.path("metadata");
            String topic = "vm.jobs." + arch;
            assertEquals(topic, m.path("topic").asText(), s + " watches another topic than its worker's");
            assertEquals(workerGroup(arch), m.path("consumerGroup").asText(), s + ": the worker's consumer group");
            assertEquals("1", m.path("lagThreshold").asText(), s + ": one worker per waiting job");
            assertEquals(env(w.node()).get("KAFKA_BOOTSTRAP_SERVERS"), m.path("bootstrapServers").asText(),
                    s + " reads the lag from another Kafka than its worker's");
        }
        assertEquals(archs, scaled, "one ScaledObject per worker Deployment");

        // anywhere, overlays too: a pool larger than its topic's partitions has idle workers
        for (Doc d : k8s()) {
            if (d.kind().equals("ScaledObject") && d.node().path("spec").has("maxReplicaCount")) {
                Doc s = scalers.get(d.name());
                assertTrue(s != null, d + " scales nothing of deploy/k8s/workers");
                String topic = s.node().path("spec").path("triggers").path(0).path("metadata").path("topic").asText();
                int max = d.node().path("spec").path("maxReplicaCount").asInt();
                assertTrue(max <= AscentSystem.TOPICS.get(topic),
                        d + ": maxReplicaCount " + max + " exceeds the partitions of " + topic);
            }
        }
    }

    /**
     * Each layout that deploys the workers (deploy/k8s/workers and the overlays, with their patches and images
     * applied) runs every worker natively or explicitly emulated (see {@link #placement}), and runs a DaemonSet that
     * registers qemu for each emulated worker's architecture on every node that worker may land on: a nodeSelector
     * the worker's includes, and the worker's tolerations.
     */
    @Test
    void emulatedWorkersRunWhereADaemonSetRegistersTheirQemu() throws IOException {
        List<Path> layouts;
        try (Stream<Path> s = Files.walk(K8S)) {
            layouts = s.filter(p -> p.getFileName().toString().equals("kustomization.yaml")).map(Path::getParent)
                    .sorted().toList();
        }
        List<String> wrong = new ArrayList<>();
        Set<String> checked = new TreeSet<>();
        Set<String> emulatedSomewhere = new TreeSet<>();
        for (Path layout : layouts) {
            String name = K8S.relativize(layout).toString();
            List<JsonNode> rendered = render(layout);
            List<JsonNode> workers = rendered.stream().filter(DeployFilesTest::isWorker).toList();
            if (workers.isEmpty()) {
                continue;
            }
            checked.add(name);
            List<JsonNode> daemonSets = rendered.stream().filter(r -> r.path("kind").asText().equals("DaemonSet"))
                    .toList();
            for (JsonNode w : workers) {
                String where = name + " Deployment/" + w.path("metadata").path("name").asText();
                wrong.addAll(placement(where, w));
                String arch = env(w).get("ASCENT_WORKER_ARCH");
                JsonNode pod = w.path("spec").path("template").path("spec");
                if (arch == null || arch.equals(pod.path("nodeSelector").path("kubernetes.io/arch").asText(null))) {
                    continue; // native
                }
                emulatedSomewhere.add(arch);
                List<String> why = new ArrayList<>();
                for (JsonNode ds : daemonSets) {
                    String d = "DaemonSet/" + ds.path("metadata").path("name").asText();
                    List<String> registered = registrations(ds);
                    if (registered.isEmpty()) {
                        continue;
                    }
                    List<String> not = new ArrayList<>();
                    if (!registered.contains(arch)) {
                        not.add(d + " registers " + registered + ", not " + arch);
                    }
                    not.addAll(reachesEveryNodeOf(d, ds, pod));
                    if (not.isEmpty()) {
                        why = null;
                        break;
                    }
                    why.addAll(not);
                }
                if (why != null) {
                    wrong.add(where + " serves " + arch + " emulated, but no DaemonSet registers qemu for it on its"
                            + " nodes" + (why.isEmpty() ? "" : ": " + String.join("; ", why)));
                }
            }
        }
        assertTrue(checked.containsAll(List.of("workers", "overlays/local", "overlays/production")),
                "the layouts deploying workers: " + checked);
        // riscv64 has no image of its own: it is emulated everywhere, so this test has something to check
        assertTrue(emulatedSomewhere.contains("riscv64"), "riscv64 is emulated nowhere: " + emulatedSomewhere);
        assertEquals(List.of(), wrong);
    }

    /**
     * Compose's workers other than amd64 (the compose file is for an amd64 host) run the cross image built with their
     * architecture in CROSS_ARCHS, and wait for a service that registers their qemu (vm-worker/cross-host) to end.
     */
    @Test
    void composeEmulatedWorkersWaitForTheirQemuRegistration() {
        JsonNode services = composeServices();
        Map<String, Set<String>> crossArchsOfImage = new HashMap<>();
        services.fields().forEachRemaining(e -> {
            JsonNode args = e.getValue().path("build").path("args");
            if (args.has("CROSS_ARCHS")) {
                crossArchsOfImage.computeIfAbsent(e.getValue().path("image").asText(), i -> new TreeSet<>())
                        .addAll(List.of(args.path("CROSS_ARCHS").asText().trim().split("\\s+")));
            }
        });
        List<String> wrong = new ArrayList<>();
        Set<String> emulated = new TreeSet<>();
        services.fields().forEachRemaining(e -> {
            JsonNode svc = e.getValue();
            String arch = svc.path("environment").path("ASCENT_WORKER_ARCH").asText(null);
            if (arch == null || arch.equals(CROSS_NODE_ARCH)
                    || !"vm-worker".equals(module(svc.path("image").asText()).orElse(null))) {
                return;
            }
            emulated.add(arch);
            String where = "docker-compose.yml service " + e.getKey();
            String image = svc.path("image").asText();
            if (!isCrossImage(image)) {
                wrong.add(where + ": serves " + arch + " emulated, but its image " + image + " is not " + CROSS_IMAGE);
            }
            if (!crossArchsOfImage.getOrDefault(image, Set.of()).contains(arch)) {
                wrong.add(where + ": no service builds " + image + " with " + arch + " in CROSS_ARCHS");
            }
            boolean registered = false;
            for (var it = svc.path("depends_on").fields(); it.hasNext(); ) {
                var dep = it.next();
                JsonNode r = services.path(dep.getKey());
                String command = r.path("entrypoint").toString() + " " + r.path("command").toString();
                Set<String> archs = new TreeSet<>();
                Matcher m = CROSS_HOST.matcher(command.replace('"', ' ').replace(',', ' '));
                while (m.find()) {
                    archs.add(m.group(1));
                }
                registered |= archs.contains(arch) && isCrossImage(r.path("image").asText())
                        && r.path("privileged").asBoolean()
                        && !"1".equals(r.path("environment").path("ASCENT_CROSS_NO_BINFMT").asText())
                        && "service_completed_successfully".equals(dep.getValue().path("condition").asText());
            }
            if (!registered) {
                wrong.add(where + ": serves " + arch + " emulated, but waits for no service that registers qemu for"
                        + " it (vm-worker/cross-host " + arch + " from " + CROSS_IMAGE + ", privileged, to its end)");
            }
        });
        assertTrue(emulated.contains("riscv64"), "compose serves riscv64 emulated: " + emulated);
        assertEquals(List.of(), wrong);
    }

    @Test
    void composeWorkersServeTheArchitectureInTheirName() {
        Set<String> archs = new TreeSet<>();
        composeServices().fields().forEachRemaining(e -> {
            if ("vm-worker".equals(module(e.getValue().path("image").asText()).orElse(null))
                    && e.getValue().path("environment").has("ASCENT_WORKER_ARCH")) {
                String arch = e.getValue().path("environment").path("ASCENT_WORKER_ARCH").asText();
                assertEquals("vm-worker-" + arch, e.getKey(), "compose service " + e.getKey() + " serves " + arch);
                archs.add(arch);
            }
        });
        assertEquals(new TreeSet<>(AscentSystem.WORKER_ARCHS), archs, "one compose worker per architecture");
    }

    @Test
    void kafkaClientsAndTopicsNameTheStrimziCluster() {
        Doc kafka = only(k8s().stream()
                .filter(d -> d.kind().equals("Kafka") && d.file().startsWith(K8S.resolve("base"))).toList(),
                "Kafka resource in base");
        JsonNode plain = null;
        for (JsonNode l : kafka.node().path("spec").path("kafka").path("listeners")) {
            if (!l.path("tls").asBoolean()) {
                plain = l;
            }
        }
        assertTrue(plain != null, kafka + " has no plain listener for the services");
        String service = kafka.name() + "-kafka-bootstrap";
        String port = plain.path("port").asText();
        String namespace = baseNamespace();
        for (Doc d : k8s()) {
            boolean strimzi = d.kind().equals("KafkaTopic") || d.kind().equals("KafkaNodePool");
            if (strimzi && d.file().startsWith(K8S.resolve("base"))) {
                // the operator ignores a topic or node pool labelled for another cluster
                assertEquals(kafka.name(), d.node().path("metadata").path("labels").path("strimzi.io/cluster")
                        .asText(null), d + ": strimzi.io/cluster");
            }
            if (d.kind().equals("ConfigMap") && d.node().path("data").has("KAFKA_BOOTSTRAP_SERVERS")) {
                assertEquals(service + ":" + port, d.node().path("data").path("KAFKA_BOOTSTRAP_SERVERS").asText(),
                        d + ": KAFKA_BOOTSTRAP_SERVERS is not Strimzi's bootstrap Service of " + kafka);
            }
            if (d.file().startsWith(K8S.resolve("workers")) && d.kind().equals("Deployment")) {
                // the workers live in another namespace: the full name
                assertEquals(service + "." + namespace + ".svc:" + port,
                        env(d.node()).get("KAFKA_BOOTSTRAP_SERVERS"), d + ": KAFKA_BOOTSTRAP_SERVERS");
            }
        }
    }

    // ---- environment ----

    @Test
    void everyVariableSetForAModuleIsOneItReads() {
        List<String> unknown = new ArrayList<>();
        Map<String, Set<String>> configMapKeys = new HashMap<>();
        for (Doc d : k8s()) {
            if (d.kind().equals("ConfigMap")) {
                d.node().path("data").fieldNames().forEachRemaining(
                        k -> configMapKeys.computeIfAbsent(d.name(), n -> new TreeSet<>()).add(k));
            }
        }
        // a patch names its container without an image: the full manifest has it
        Map<String, String> imageOf = new HashMap<>();
        for (Doc d : k8s()) {
            for (JsonNode c : containers(d.node())) {
                if (c.has("image")) {
                    imageOf.put(d.kind() + "/" + d.name() + "/" + c.path("name").asText(), c.path("image").asText());
                }
            }
        }
        for (Doc d : k8s()) {
            for (JsonNode c : containers(d.node())) {
                Set<String> names = new TreeSet<>();
                c.path("env").forEach(e -> names.add(e.path("name").asText()));
                for (JsonNode from : c.path("envFrom")) {
                    String cm = from.path("configMapRef").path("name").asText(null);
                    assertTrue(from.path("prefix").isMissingNode(), d + ": an envFrom prefix hides the names");
                    assertTrue(cm != null && configMapKeys.containsKey(cm), d + ": envFrom of an unknown ConfigMap");
                    names.addAll(configMapKeys.get(cm));
                }
                if (names.isEmpty()) {
                    continue;
                }
                String image = imageOf.get(d.kind() + "/" + d.name() + "/" + c.path("name").asText());
                if (image == null) {
                    unknown.add(d + ": sets " + names + " on container " + c.path("name").asText()
                            + ", which no manifest gives an image");
                    continue;
                }
                Optional<String> m = module(image);
                if (m.isEmpty()) {
                    continue; // not one of ours (mongo): its variables are its own business
                }
                for (String n : names) {
                    if (!reads(m.get(), n)) {
                        unknown.add(d + " container " + c.path("name").asText() + ": " + n);
                    }
                }
            }
        }
        composeServices().fields().forEachRemaining(e -> module(e.getValue().path("image").asText()).ifPresent(m -> {
            JsonNode environment = e.getValue().path("environment");
            assertTrue(environment.isMissingNode() || environment.isObject(),
                    "docker-compose.yml service " + e.getKey() + ": environment as a map (NAME: value), to be checked");
            environment.fieldNames().forEachRemaining(n -> {
                if (!reads(m, n)) {
                    unknown.add("docker-compose.yml service " + e.getKey() + ": " + n);
                }
            });
        }));
        assertEquals(List.of(), unknown,
                "variables no ${...} of the module's application.properties reads (a typo, or a setting that moved)");
    }

    @Test
    void grpcServersListenBeyondLoopbackAndClientsReachThem() {
        List<String> wrong = new ArrayList<>();
        // Kubernetes: the full manifests of base and workers
        Map<String, Deployed> k8s = new LinkedHashMap<>();
        Map<String, Doc> services = new HashMap<>();
        for (Doc d : k8s()) {
            if (!d.file().startsWith(K8S.resolve("base")) && !d.file().startsWith(K8S.resolve("workers"))) {
                continue;
            }
            if (d.kind().equals("Service")) {
                services.put(d.name(), d);
            }
            if (d.kind().equals("Deployment")) {
                JsonNode c = containers(d.node()).get(0);
                module(c.path("image").asText()).ifPresent(m -> k8s.put(d.name(), new Deployed(d.toString(), m,
                        env(d.node()), d.node().path("spec").path("template").path("metadata").path("labels"),
                        namespaceOf(d.file()))));
            }
        }
        for (Deployed client : k8s.values()) {
            wrong.addAll(bindsBeyondLoopback(client));
            for (GrpcClient g : grpcClients(client.module())) {
                String host = client.env().get(g.hostVar());
                int port = effective(client.env(), g.port());
                String server = serverOf(g.hostVar());
                if (host == null) {
                    wrong.add(client.where() + ": " + g.hostVar() + " unset: " + g.name() + " is sought on loopback");
                    continue;
                }
                // a short name resolves in the client's own namespace only
                String[] labels = host.split("\\.");
                String namespace = labels.length > 1 ? labels[1] : client.namespace();
                if (!namespace.equals(baseNamespace())) {
                    wrong.add(client.where() + ": " + g.hostVar() + "=" + host + " is not in the namespace "
                            + baseNamespace() + " of the services");
                }
                Doc svc = services.get(labels[0]);
                Optional<Deployed> target = k8s.values().stream().filter(t -> t.module().equals(server)).findFirst();
                if (svc == null || target.isEmpty() || !selects(svc, target.get())) {
                    wrong.add(client.where() + ": " + g.hostVar() + "=" + host + " is no Service of " + server);
                    continue;
                }
                int served = effective(target.get().env(), grpcServerPort(server));
                if (port != served) {
                    wrong.add(client.where() + ": " + g.name() + " on port " + port + ", " + server + " on " + served);
                }
                boolean exposed = false;
                for (JsonNode p : svc.node().path("spec").path("ports")) {
                    exposed |= p.path("port").asInt() == port;
                }
                if (!exposed) {
                    wrong.add(svc + " does not expose port " + port + " that " + client.where() + " calls");
                }
            }
        }
        // compose
        Map<String, Deployed> compose = new LinkedHashMap<>();
        composeServices().fields().forEachRemaining(e -> module(e.getValue().path("image").asText()).ifPresent(m -> {
            if (e.getValue().has("entrypoint")) {
                return; // the image runs something else than the module (the binfmt registration)
            }
            Map<String, String> env = new HashMap<>();
            e.getValue().path("environment").fields().forEachRemaining(v -> env.put(v.getKey(), v.getValue().asText()));
            compose.put(e.getKey(), new Deployed("docker-compose.yml service " + e.getKey(), m, env, null, null));
        }));
        for (Deployed client : compose.values()) {
            wrong.addAll(bindsBeyondLoopback(client));
            for (GrpcClient g : grpcClients(client.module())) {
                String host = client.env().get(g.hostVar());
                Deployed target = host == null ? null : compose.get(host);
                String server = serverOf(g.hostVar());
                if (host == null) {
                    wrong.add(client.where() + ": " + g.hostVar() + " unset: " + g.name() + " is sought on loopback");
                } else if (target == null || !target.module().equals(server)) {
                    wrong.add(client.where() + ": " + g.hostVar() + "=" + host + " is no compose service of " + server);
                } else if (effective(client.env(), g.port()) != effective(target.env(), grpcServerPort(server))) {
                    wrong.add(client.where() + ": " + g.name() + "'s port is not the one " + server + " serves on");
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void containerPortsAreTheOnesTheModulesListenOn() {
        List<String> wrong = new ArrayList<>();
        for (Doc d : k8s()) {
            if (!d.kind().equals("Deployment") || d.file().startsWith(K8S.resolve("overlays"))) {
                continue;
            }
            for (JsonNode c : containers(d.node())) {
                Optional<String> m = module(c.path("image").asText());
                if (m.isEmpty()) {
                    continue;
                }
                Map<String, String> env = env(d.node());
                Map<String, Integer> ports = new HashMap<>();
                c.path("ports").forEach(p -> ports.put(p.path("name").asText(), p.path("containerPort").asInt()));
                Setting http = setting(m.get(), "quarkus.http.port").orElseThrow();
                if (!Integer.valueOf(effective(env, http)).equals(ports.get("http"))) {
                    wrong.add(d + ": containerPort http is not " + m.get() + "'s HTTP port " + effective(env, http));
                }
                Optional<Setting> grpc = setting(m.get(), "quarkus.grpc.server.port");
                Optional<Integer> grpcPort = grpc.map(g -> effective(env, g));
                if (grpcPort.isPresent() && !grpcPort.get().equals(ports.get("grpc"))) {
                    wrong.add(d + ": containerPort grpc is not " + m.get() + "'s gRPC port " + grpcPort.get());
                }
                for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                    JsonNode port = c.path(probe).path("httpGet").path("port");
                    if (!port.isMissingNode() && !port.asText().equals("http")
                            && port.asInt() != effective(env, http)) {
                        wrong.add(d + ": " + probe + " asks port " + port.asText() + ", not the HTTP port");
                    }
                }
            }
        }
        // compose: a published port ("host:port:container") leads to one the module listens on
        composeServices().fields().forEachRemaining(e -> module(e.getValue().path("image").asText()).ifPresent(m -> {
            Map<String, String> env = new HashMap<>();
            e.getValue().path("environment").fields().forEachRemaining(v -> env.put(v.getKey(), v.getValue().asText()));
            Set<Integer> listening = new TreeSet<>();
            for (String key : List.of("quarkus.http.port", "quarkus.grpc.server.port")) {
                setting(m, key).ifPresent(s -> listening.add(effective(env, s)));
            }
            for (JsonNode p : e.getValue().path("ports")) {
                String[] parts = p.asText().split(":");
                if (!listening.contains(Integer.parseInt(parts[parts.length - 1]))) {
                    wrong.add("docker-compose.yml service " + e.getKey() + " publishes " + p.asText() + ", but "
                            + m + " listens on " + listening);
                }
            }
        }));
        assertEquals(List.of(), wrong);
    }

    @Test
    void secretReferencesAreKeysOfTheSecretTemplate() {
        Doc template = only(k8s().stream().filter(d -> d.kind().equals("Secret")).toList(), "Secret template");
        assertEquals(K8S.resolve("base/secret.example.yaml"), template.file());
        Set<String> keys = new TreeSet<>();
        template.node().path("stringData").fieldNames().forEachRemaining(keys::add);
        String secret = template.name();
        for (Doc d : k8s()) {
            for (JsonNode c : containers(d.node())) {
                for (JsonNode e : c.path("env")) {
                    JsonNode ref = e.path("valueFrom").path("secretKeyRef");
                    if (!ref.isMissingNode()) {
                        assertEquals(secret, ref.path("name").asText(), d + ": " + e.path("name").asText());
                        assertTrue(keys.contains(ref.path("key").asText()),
                                d + ": key " + ref.path("key").asText() + " is not in " + template);
                    }
                }
            }
        }
        // the local overlay makes the same Secret from literals: the same keys, none forgotten
        JsonNode local = readAll(K8S.resolve("overlays/local/kustomization.yaml")).get(0);
        Set<String> generated = new TreeSet<>();
        for (JsonNode g : local.path("secretGenerator")) {
            if (g.path("name").asText().equals(secret)) {
                g.path("literals").forEach(l -> generated.add(l.asText().substring(0, l.asText().indexOf('='))));
            }
        }
        assertEquals(keys, generated, "the local overlay's " + secret + " has other keys than the template");
    }

    // ---- kustomize ----

    @Test
    void kustomizationsListOnlyFilesThatExistAndPatchWhatTheyInclude() throws IOException {
        List<Path> kustomizations;
        try (Stream<Path> s = Files.walk(K8S)) {
            kustomizations = s.filter(p -> p.getFileName().toString().equals("kustomization.yaml")).sorted().toList();
        }
        assertTrue(kustomizations.size() >= 4, "base, workers and two overlays: " + kustomizations);
        List<String> wrong = new ArrayList<>();
        for (Path k : kustomizations) {
            Path dir = k.getParent();
            JsonNode kz = readAll(k).get(0);
            for (String field : List.of("resources", "components")) {
                for (JsonNode r : kz.path(field)) {
                    Path p = dir.resolve(r.asText()).normalize();
                    if (!Files.isRegularFile(p) && !Files.isRegularFile(p.resolve("kustomization.yaml"))) {
                        wrong.add(K8S.relativize(k) + ": " + field + " " + r.asText() + " does not exist");
                    }
                }
            }
            for (String field : List.of("secretGenerator", "configMapGenerator")) {
                for (JsonNode g : kz.path(field)) {
                    for (String list : List.of("files", "envs")) {
                        for (JsonNode f : g.path(list)) {
                            String file = f.asText().substring(f.asText().indexOf('=') + 1);
                            if (!Files.isRegularFile(dir.resolve(file))) {
                                wrong.add(K8S.relativize(k) + ": " + field + " " + file + " does not exist");
                            }
                        }
                    }
                }
            }
            // every patch names a resource the kustomization includes (kustomize would refuse it, but only when run)
            Set<String> included = included(k);
            List<String> patches = new ArrayList<>();
            kz.path("patches").forEach(p -> {
                assertTrue(p.has("path"), K8S.relativize(k) + ": inline patches are not checked here; use a file");
                assertFalse(p.has("target"), K8S.relativize(k) + ": targeted (JSON 6902) patches are not checked here");
                patches.add(p.path("path").asText());
            });
            kz.path("patchesStrategicMerge").forEach(p -> patches.add(p.asText()));
            assertTrue(kz.path("patchesJson6902").isMissingNode(),
                    K8S.relativize(k) + ": JSON 6902 patches are not checked here");
            for (String p : patches) {
                Path file = dir.resolve(p).normalize();
                if (!Files.isRegularFile(file)) {
                    wrong.add(K8S.relativize(k) + ": patch " + p + " does not exist");
                    continue;
                }
                for (JsonNode doc : readAll(file)) {
                    String id = doc.path("kind").asText() + "/" + doc.path("metadata").path("name").asText();
                    if (!included.contains(id)) {
                        wrong.add(K8S.relativize(file) + " patches " + id + ", which " + K8S.relativize(k)
                                + " does not include");
                    }
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    // ---- workers: native or emulated ----

    /**
     * Where a worker Deployment runs agrees with what it serves: on nodes of its own architecture (its nodeSelector's
     * kubernetes.io/arch is its ASCENT_WORKER_ARCH), not marked emulated; or emulated, which it may only be when its
     * pod is labelled {@value #EMULATED_ON} with the node architecture, which is amd64, and its image is the cross
     * image.
     */
    private static List<String> placement(String where, JsonNode worker) {
        List<String> wrong = new ArrayList<>();
        JsonNode template = worker.path("spec").path("template");
        String arch = env(worker).get("ASCENT_WORKER_ARCH");
        String node = template.path("spec").path("nodeSelector").path("kubernetes.io/arch").asText(null);
        String emulatedOn = template.path("metadata").path("labels").path(EMULATED_ON).asText(null);
        String image = template.path("spec").path("containers").path(0).path("image").asText();
        if (!template.path("spec").path("affinity").path("nodeAffinity").isMissingNode()) {
            wrong.add(where + ": a nodeAffinity is not checked here; choose nodes with the nodeSelector");
        }
        if (node == null) {
            wrong.add(where + ": no nodeSelector kubernetes.io/arch");
        } else if (node.equals(arch)) {
            if (emulatedOn != null) {
                wrong.add(where + ": serves " + arch + " natively, yet is labelled " + EMULATED_ON + "=" + emulatedOn);
            }
        } else {
            if (!node.equals(emulatedOn)) {
                wrong.add(where + ": ASCENT_WORKER_ARCH " + arch + " and the nodeSelector kubernetes.io/arch " + node
                        + " differ, and the pod is not labelled " + EMULATED_ON + "=" + node);
            }
            if (!CROSS_NODE_ARCH.equals(node)) {
                wrong.add(where + ": emulated on " + node + " nodes; the cross image is " + CROSS_NODE_ARCH + " only");
            }
            if (!isCrossImage(image)) {
                wrong.add(where + ": serves " + arch + " emulated, but its image " + image + " is not the cross image "
                        + CROSS_IMAGE);
            }
        }
        return wrong;
    }

    private static boolean isWorker(JsonNode r) {
        return r.path("kind").asText().equals("Deployment")
                && "vm-worker".equals(module(r.path("spec").path("template").path("spec").path("containers").path(0)
                        .path("image").asText()).orElse(null))
                && env(r).containsKey("ASCENT_WORKER_ARCH");
    }

    private static boolean isCrossImage(String image) {
        Matcher m = Pattern.compile("(?:.*/)?(ascent/[a-z-]+)(?::.*)?").matcher(image);
        return m.matches() && m.group(1).equals(CROSS_IMAGE);
    }

    /**
     * The architectures a workload registers qemu for: its containers that run vm-worker/cross-host ARCH from the cross
     * image (the one with qemu-user-static), privileged, without ASCENT_CROSS_NO_BINFMT=1.
     */
    private static List<String> registrations(JsonNode workload) {
        List<String> archs = new ArrayList<>();
        for (JsonNode c : containers(workload)) {
            String command = String.join(" ", texts(c.path("command"))) + " " + String.join(" ", texts(c.path("args")));
            boolean noBinfmt = false;
            for (JsonNode e : c.path("env")) {
                noBinfmt |= e.path("name").asText().equals("ASCENT_CROSS_NO_BINFMT")
                        && e.path("value").asText().equals("1");
            }
            if (noBinfmt || !isCrossImage(c.path("image").asText())
                    || !c.path("securityContext").path("privileged").asBoolean()) {
                continue;
            }
            Matcher m = CROSS_HOST.matcher(command);
            while (m.find()) {
                archs.add(m.group(1));
            }
        }
        return archs;
    }

    /**
     * Why a DaemonSet may miss some node a pod can land on: its nodeSelector must be part of the pod's (then every node
     * the pod selects, it selects), and it must tolerate every taint the pod tolerates.
     */
    private static List<String> reachesEveryNodeOf(String d, JsonNode daemonSet, JsonNode pod) {
        List<String> wrong = new ArrayList<>();
        JsonNode ds = daemonSet.path("spec").path("template").path("spec");
        if (!ds.path("affinity").path("nodeAffinity").isMissingNode()) {
            wrong.add(d + ": a nodeAffinity is not checked here; choose nodes with the nodeSelector");
        }
        ds.path("nodeSelector").fields().forEachRemaining(e -> {
            if (!e.getValue().asText().equals(pod.path("nodeSelector").path(e.getKey()).asText(null))) {
                wrong.add(d + " selects " + e.getKey() + "=" + e.getValue().asText() + ", the worker "
                        + e.getKey() + "=" + pod.path("nodeSelector").path(e.getKey()).asText(null));
            }
        });
        for (JsonNode t : pod.path("tolerations")) {
            boolean covered = false;
            for (JsonNode u : ds.path("tolerations")) {
                covered |= covers(u, t);
            }
            if (!covered) {
                wrong.add(d + " does not tolerate " + t.path("key").asText() + "=" + t.path("value").asText() + ":"
                        + t.path("effect").asText() + ", which the worker does");
            }
        }
        return wrong;
    }

    /** Whether toleration u tolerates every taint toleration t tolerates. */
    private static boolean covers(JsonNode u, JsonNode t) {
        String uOp = u.path("operator").asText("Equal");
        String tOp = t.path("operator").asText("Equal");
        boolean key = u.path("key").asText("").isEmpty() ? uOp.equals("Exists")
                : u.path("key").asText().equals(t.path("key").asText());
        boolean value = uOp.equals("Exists") || tOp.equals("Equal")
                && u.path("value").asText("").equals(t.path("value").asText(""));
        boolean effect = u.path("effect").asText("").isEmpty()
                || u.path("effect").asText().equals(t.path("effect").asText(""));
        return key && value && effect;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    /**
     * The resources a kustomization makes, rendered as far as these checks need: its resources (files, and folders
     * rendered the same way), then its patches merged, then its images set. The merge is strategic merge as far as
     * these files use it: maps merge, lists whose items all have a name merge by name (containers, env, volumes),
     * other lists are replaced (tolerations). Namespaces, labels and generators are left out.
     */
    private static List<JsonNode> render(Path dir) {
        JsonNode kz = readAll(dir.resolve("kustomization.yaml")).get(0);
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode r : kz.path("resources")) {
            Path p = dir.resolve(r.asText()).normalize();
            if (Files.isRegularFile(p.resolve("kustomization.yaml"))) {
                out.addAll(render(p));
            } else {
                readAll(p).forEach(n -> out.add(n.deepCopy()));
            }
        }
        List<JsonNode> patches = new ArrayList<>();
        kz.path("patches").forEach(p -> patches.addAll(readAll(dir.resolve(p.path("path").asText()))));
        kz.path("patchesStrategicMerge").forEach(p -> patches.addAll(readAll(dir.resolve(p.asText()))));
        for (JsonNode patch : patches) {
            for (JsonNode r : out) {
                if (r.path("kind").equals(patch.path("kind"))
                        && r.path("metadata").path("name").equals(patch.path("metadata").path("name"))) {
                    merge((ObjectNode) r, patch);
                }
            }
        }
        for (JsonNode image : kz.path("images")) {
            for (JsonNode r : out) {
                for (JsonNode c : containers(r)) {
                    Matcher m = Pattern.compile("(.*?)(?::([^:/]+))?").matcher(c.path("image").asText());
                    if (m.matches() && m.group(1).equals(image.path("name").asText())) {
                        String tag = image.path("newTag").asText(m.group(2));
                        ((ObjectNode) c).put("image", image.path("newName").asText(m.group(1))
                                + (tag == null ? "" : ":" + tag));
                    }
                }
            }
        }
        return out;
    }

    private static void merge(ObjectNode target, JsonNode patch) {
        patch.fields().forEachRemaining(e -> {
            assertFalse(e.getKey().startsWith("$"), "strategic merge directives are not rendered here: " + e.getKey());
            JsonNode t = target.get(e.getKey());
            JsonNode v = e.getValue();
            if (t instanceof ObjectNode o && v.isObject()) {
                merge(o, v);
            } else if (t instanceof ArrayNode a && v.isArray() && named(a) && named(v)) {
                for (JsonNode item : v) {
                    JsonNode same = null;
                    for (JsonNode old : a) {
                        if (old.path("name").equals(item.path("name"))) {
                            same = old;
                        }
                    }
                    if (same != null) {
                        merge((ObjectNode) same, item);
                    } else {
                        a.add(item.deepCopy());
                    }
                }
            } else {
                target.set(e.getKey(), v.deepCopy());
            }
        });
    }

    private static boolean named(JsonNode list) {
        boolean all = list.size() > 0;
        for (JsonNode item : list) {
            all &= item.isObject() && item.has("name");
        }
        return all;
    }

    // ---- the modules' settings ----

    /** A property whose whole value is {@code ${VAR:default}}. */
    private record Setting(String var, String defaultValue) {
    }

    /** One gRPC client of a module: its name, the variable naming its host, its port setting. */
    private record GrpcClient(String name, String hostVar, Setting port) {
    }

    /**
     * A deployed module: where (for messages), which, its environment, and on Kubernetes its pod labels and namespace
     * (null in compose).
     */
    private record Deployed(String where, String module, Map<String, String> env, JsonNode labels, String namespace) {
    }

    private static final Map<String, Properties> PROPERTIES = new HashMap<>();

    private static synchronized Properties properties(String module) {
        return PROPERTIES.computeIfAbsent(module, m -> {
            Path file = HOME.resolve(MODULES.get(m)).resolve("src/main/resources/application.properties");
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file)) {
                p.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return p;
        });
    }

    /** Whether the module reads the variable: a {@code ${NAME}} in any of its properties, any profile. */
    private static boolean reads(String module, String name) {
        if (READ_BY_QUARKUS.getOrDefault(module, Set.of()).contains(name)) {
            return true;
        }
        for (String value : properties(module).stringPropertyNames().stream()
                .map(properties(module)::getProperty).toList()) {
            Matcher m = REFERENCE.matcher(value);
            while (m.find()) {
                if (m.group(1).equals(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Optional<Setting> setting(String module, String key) {
        String value = properties(module).getProperty(key);
        if (value == null) {
            return Optional.empty();
        }
        Matcher m = REFERENCE.matcher(value.strip());
        return m.matches() ? Optional.of(new Setting(m.group(1), m.group(2))) : Optional.empty();
    }

    /** The value a setting takes with this environment: the variable's, else the default. */
    private static int effective(Map<String, String> env, Setting s) {
        return Integer.parseInt(Optional.ofNullable(env.get(s.var())).orElse(s.defaultValue()));
    }

    private static List<GrpcClient> grpcClients(String module) {
        List<GrpcClient> clients = new ArrayList<>();
        Pattern host = Pattern.compile("quarkus\\.grpc\\.clients\\.([^.]+)\\.host");
        for (String key : new TreeSet<>(properties(module).stringPropertyNames())) {
            Matcher m = host.matcher(key);
            if (m.matches()) {
                String name = m.group(1);
                clients.add(new GrpcClient(name, setting(module, key).orElseThrow().var(),
                        setting(module, "quarkus.grpc.clients." + name + ".port").orElseThrow()));
            }
        }
        return clients;
    }

    /** The module whose gRPC server binds to the host in this variable: a client's host variable is the server's. */
    private static String serverOf(String hostVar) {
        List<String> servers = MODULES.keySet().stream().filter(m -> setting(m, "quarkus.grpc.server.host")
                .map(s -> s.var().equals(hostVar)).orElse(false)).toList();
        assertEquals(1, servers.size(), "the module serving gRPC at " + hostVar);
        return servers.get(0);
    }

    private static Setting grpcServerPort(String module) {
        return setting(module, "quarkus.grpc.server.port").orElseThrow();
    }

    /** A server that binds to a loopback address by default must be told to bind to every address. */
    private static List<String> bindsBeyondLoopback(Deployed d) {
        List<String> wrong = new ArrayList<>();
        for (String key : List.of("quarkus.http.host", "quarkus.grpc.server.host")) {
            setting(d.module(), key).filter(s -> LOOPBACK.contains(s.defaultValue())).ifPresent(s -> {
                if (!"0.0.0.0".equals(d.env().get(s.var()))) {
                    wrong.add(d.where() + ": " + s.var() + " must be 0.0.0.0, or " + key + " stays on loopback");
                }
            });
        }
        return wrong;
    }

    // ---- the files ----

    /** One YAML document of a file. */
    private record Doc(Path file, JsonNode node) {

        String kind() {
            return node.path("kind").asText();
        }

        String name() {
            return node.path("metadata").path("name").asText();
        }

        @Override
        public String toString() {
            return HOME.relativize(file) + " " + kind() + "/" + name();
        }
    }

    private static List<Doc> k8sDocs;

    private static synchronized List<Doc> k8s() {
        if (k8sDocs == null) {
            List<Doc> docs = new ArrayList<>();
            try (Stream<Path> s = Files.walk(K8S)) {
                for (Path f : s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                        .sorted().toList()) {
                    readAll(f).forEach(n -> docs.add(new Doc(f, n)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            assertFalse(docs.isEmpty(), "no YAML under " + K8S);
            k8sDocs = List.copyOf(docs);
        }
        return k8sDocs;
    }

    private static JsonNode composeServices() {
        List<JsonNode> docs = readAll(COMPOSE);
        assertEquals(1, docs.size(), COMPOSE + " is one document");
        return docs.get(0).path("services");
    }

    private static List<JsonNode> readAll(Path file) {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (it.hasNext()) {
                JsonNode n = it.next();
                if (n != null && n.isObject()) {
                    docs.add(n);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file, e);
        }
        return docs;
    }

    /** The containers and init containers of a workload (Deployment, StatefulSet, DaemonSet, Job); none otherwise. */
    private static List<JsonNode> containers(JsonNode workload) {
        JsonNode pod = workload.path("spec").path("template").path("spec");
        List<JsonNode> all = new ArrayList<>();
        pod.path("initContainers").forEach(all::add);
        pod.path("containers").forEach(all::add);
        return all;
    }

    /** The module of an image {@code ascent/<module>[:tag]} (the cross image's is vm-worker); empty for others. */
    private static Optional<String> module(String image) {
        if (isCrossImage(image)) {
            return Optional.of("vm-worker");
        }
        Matcher m = Pattern.compile("(?:.*/)?ascent/([a-z-]+)(?::.*)?").matcher(image);
        return m.matches() && MODULES.containsKey(m.group(1)) ? Optional.of(m.group(1)) : Optional.empty();
    }

    /**
     * The environment of a workload's (first) container: its literal values, and the keys of the base ConfigMaps it
     * takes with envFrom; a value from a Secret counts as set, its value unknown here (null).
     */
    private static Map<String, String> env(JsonNode workload) {
        Map<String, String> values = new HashMap<>();
        JsonNode c = workload.path("spec").path("template").path("spec").path("containers").path(0);
        for (JsonNode from : c.path("envFrom")) {
            String name = from.path("configMapRef").path("name").asText();
            for (Doc d : k8s()) {
                if (d.kind().equals("ConfigMap") && d.name().equals(name) && d.file().startsWith(K8S.resolve("base"))) {
                    d.node().path("data").fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
                }
            }
        }
        c.path("env").forEach(e -> values.put(e.path("name").asText(), e.path("value").asText(null)));
        return values;
    }

    private static Set<String> mountPaths(JsonNode pod) {
        Set<String> paths = new TreeSet<>();
        pod.path("containers").forEach(c -> c.path("volumeMounts")
                .forEach(v -> paths.add(v.path("mountPath").asText())));
        return paths;
    }

    /** Whether a Service's selector picks a deployed module's pods. */
    private static boolean selects(Doc service, Deployed d) {
        JsonNode selector = service.node().path("spec").path("selector");
        boolean all = selector.size() > 0;
        for (var it = selector.fields(); it.hasNext(); ) {
            var e = it.next();
            all &= e.getValue().asText().equals(d.labels().path(e.getKey()).asText(null));
        }
        return all;
    }

    private static String baseNamespace() {
        return namespaceOf(K8S.resolve("base/kustomization.yaml"));
    }

    /** The namespace the kustomization of a file's folder (base or workers) puts it in. */
    private static String namespaceOf(Path file) {
        Path dir = Files.isDirectory(file) ? file : file.getParent();
        return readAll(dir.resolve("kustomization.yaml")).get(0).path("namespace").asText();
    }

    /** kind/name of every resource a kustomization includes, through its resources and theirs. */
    private static Set<String> included(Path kustomization) {
        Set<String> ids = new LinkedHashSet<>();
        Path dir = kustomization.getParent();
        for (JsonNode r : readAll(kustomization).get(0).path("resources")) {
            Path p = dir.resolve(r.asText()).normalize();
            if (Files.isRegularFile(p.resolve("kustomization.yaml"))) {
                ids.addAll(included(p.resolve("kustomization.yaml")));
            } else if (Files.isRegularFile(p)) {
                readAll(p).forEach(n -> ids.add(n.path("kind").asText() + "/"
                        + n.path("metadata").path("name").asText()));
            }
        }
        for (JsonNode g : readAll(kustomization).get(0).path("secretGenerator")) {
            ids.add("Secret/" + g.path("name").asText());
        }
        for (JsonNode g : readAll(kustomization).get(0).path("configMapGenerator")) {
            ids.add("ConfigMap/" + g.path("name").asText());
        }
        return ids;
    }

    private static Doc only(List<Doc> docs, String what) {
        assertEquals(1, docs.size(), "one " + what + " under deploy/k8s: " + docs);
        return docs.get(0);
    }
}
