package dev.ascent.vmworker.messaging;

import dev.ascent.vmworker.Arch;
import dev.ascent.vmworker.client.JobControl;
import dev.ascent.vmworker.config.WorkerConfig;
import dev.ascent.vmworker.sandbox.Limits;
import dev.ascent.vmworker.sandbox.Sandbox;
import dev.ascent.vmworker.selection.TestMap;
import dev.ascent.vmworker.selection.TestSelection;
import dev.ascent.vmworker.service.BaselineStore;
import dev.ascent.vmworker.service.JobRunner;
import dev.ascent.vmworker.service.WorkerPrerequisites;
import dev.ascent.vmworker.service.WorkerSettings;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The worker process: checks that the machine can sandbox and build for its architecture (and exits with the reason
 * when it cannot), builds the warm baselines in the background, and runs the {@link JobLoop} on its own thread.
 */
@ApplicationScoped
public class WorkerApp {

    /** The exit code of a worker whose machine lacks what its jobs need. */
    public static final int EXIT_MISSING_PREREQUISITES = 3;

    private static final Logger LOG = Logger.getLogger(WorkerApp.class);

    private final WorkerConfig config;
    private final JobControl control;
    private final String bootstrapServers;
    private final Map<String, String> baselines = new ConcurrentHashMap<>();

    private volatile JobLoop loop;
    private volatile WorkerSettings settings;
    private KafkaProducer<String, byte[]> producer;

    public WorkerApp(WorkerConfig config, JobControl control,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.config = config;
        this.control = control;
        this.bootstrapServers = bootstrapServers;
    }

    void onStart(@Observes StartupEvent event) {
        WorkerSettings s = settings(config);
        List<String> missing = WorkerPrerequisites.missing(s, "root".equals(System.getProperty("user.name")));
        if (!missing.isEmpty()) {
            LOG.errorf("this machine cannot run %s jobs: %s", s.arch().id(), String.join("; ", missing));
            Quarkus.asyncExit(EXIT_MISSING_PREREQUISITES);
            return;
        }
        settings = s;
        Sandbox sandbox = new Sandbox(s.bwrap(), s.uid(), s.gid());
        BaselineStore store = new BaselineStore(s, sandbox);
        JobRunner runner = new JobRunner(s, sandbox, store, new TestSelection(TestMap.shipped()));
        String worker = config.name().filter(n -> !n.isBlank()).orElseGet(() -> hostName() + "-" + s.arch().id());
        try {
            int left = JobRunner.removeLeftovers(s, worker);
            if (left > 0) {
                LOG.infof("removed %d job folder(s) a previous run of %s left behind", left, worker);
            }
        } catch (IOException e) {
            LOG.warnf("could not remove the job folders a previous run of %s left behind: %s", worker,
                    e.getMessage());
        }
        warm(store, warmBases(s));

        String topic = config.jobTopic().orElse("vm.jobs." + s.arch().id());
        producer = new KafkaProducer<>(KafkaClients.producer(bootstrapServers));
        JobLoop l = new JobLoop(new KafkaConsumer<>(KafkaClients.consumer(bootstrapServers,
                config.group().orElse("vm-worker-" + s.arch().id()), config.sessionTimeout())), producer, control, runner::run,
                new JobLoop.Settings(topic, topic + ".dlq", config.progressTopic(), config.resultsTopic(), worker,
                        config.heartbeatEvery(), Duration.ofSeconds(1), Duration.ofSeconds(30)));
        Thread t = new Thread(l, "job-loop-" + s.arch().id());
        t.setDaemon(true);
        t.start();
        loop = l;
        LOG.infof("worker %s serves %s from %s (%s), in %s%s", worker, s.arch().id(), topic, s.sources().keySet(),
                s.dir(), s.emulated() ? ", cross-built and emulated with qemu-user" : "");
    }

    void onStop(@Observes ShutdownEvent event) {
        JobLoop l = loop;
        if (l != null) {
            l.close(Duration.ofSeconds(40));
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
        }
    }

    /** The loop, or null before it started (or when the machine cannot run jobs). */
    public JobLoop loop() {
        return loop;
    }

    /** Each warm base's state: "building", "ready" or why it failed. */
    public Map<String, String> baselines() {
        return Map.copyOf(baselines);
    }

    private void warm(BaselineStore store, List<String> bases) {
        if (bases.isEmpty()) {
            return;
        }
        bases.forEach(b -> baselines.put(b, "building"));
        Thread t = new Thread(() -> {
            for (String base : bases) {
                try {
                    long start = System.nanoTime();
                    store.ensure(base);
                    baselines.put(base, "ready");
                    LOG.infof("baseline %s is warm (%d s)", base, Duration.ofNanos(System.nanoTime() - start)
                            .toSeconds());
                } catch (IOException | RuntimeException e) {
                    // a job of that base builds it again and reports ERROR if it still fails
                    baselines.put(base, "failed: " + e.getMessage());
                    LOG.errorf(e, "baseline %s could not be built", base);
                }
            }
        }, "warm-baselines");
        t.setDaemon(true);
        t.start();
    }

    private List<String> warmBases(WorkerSettings s) {
        return config.warmBases().map(v -> Arrays.stream(v.split(",")).map(String::strip).filter(b -> !b.isEmpty())
                .toList()).orElseGet(() -> List.copyOf(s.sources().keySet()));
    }

    /** The worker's settings from its configuration. */
    static WorkerSettings settings(WorkerConfig c) {
        Limits limits = new Limits(c.memory().asLongValue(), c.maxProcesses(), c.wallClock());
        return new WorkerSettings(Path.of(c.dir()), sources(c.sources().orElse("")), Arch.of(c.arch()),
                c.parallelism().orElse(Runtime.getRuntime().availableProcessors()), limits, c.testTimeout(),
                c.bwrap(), c.uid(), c.gid());
    }

    /** {@code base=path,base=path}. */
    static Map<String, Path> sources(String spec) {
        Map<String, Path> m = new LinkedHashMap<>();
        for (String entry : spec.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new IllegalArgumentException("a source is base=path, e.g. 3.11=/srv/python3.11.orig.tar.gz: '"
                        + entry.strip() + "'");
            }
            m.put(entry.substring(0, eq).strip(), Path.of(entry.substring(eq + 1).strip()));
        }
        return m;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "worker";
        }
    }
}
