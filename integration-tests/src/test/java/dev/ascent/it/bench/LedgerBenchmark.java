package dev.ascent.it.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import dev.ascent.devstack.AscentSystem;
import dev.ascent.devstack.ContributionPublisher;
import dev.ascent.devstack.FreePorts;
import dev.ascent.devstack.Infra;
import dev.ascent.devstack.Locations;
import dev.ascent.devstack.ManagedProcess;
import dev.ascent.devstack.SyntheticHistory;
import dev.ascent.ledger.mapping.ContributionMapping;
import dev.ascent.ledger.rules.LedgerEngine;
import dev.ascent.proto.events.v1.ContributionRecorded;
import dev.ascent.proto.ledger.v1.GetStatsRequest;
import dev.ascent.proto.ledger.v1.GetStatsResponse;
import dev.ascent.proto.ledger.v1.LedgerQueryServiceGrpc;
import dev.ascent.ruleset.Ruleset;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;

/**
 * The ledger's throughput benchmark. For each size: a synthetic history ({@link SyntheticHistory}), a fresh Kafka
 * broker, MongoDB stand-in and ledger process (through devstack; no gateway, no ingest), the history published on
 * {@code contributions.v1} in time order by a fast producer, and the time until the ledger's GetStats shows every
 * distinct event id folded. Prints one table row per size. Run by {@code integration-tests/bench} (README
 * "Benchmarks"); not a test, so never part of {@code ./mvnw verify}.
 */
public final class LedgerBenchmark {

    private static final Duration READY_DEADLINE = Duration.ofSeconds(120);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(15);
    private static final Duration STALL = Duration.ofMinutes(3);
    private static final String USAGE = """
            Usage: integration-tests/bench [SIZE ...] [options]
              SIZE                    events to publish, e.g. 10000, 100k, 1m (default: 10k 100k)
              --per-person=N          average events per person; people = SIZE / N, at least 40 (default 250)
              --seed=N                the synthetic history's seed (default 20260101)
              --ledger-heap=SIZE      the ledger's -Xmx, e.g. 512m, 2g; auto = 384m, or 3 KB per event above that
              --ledger-jvm='ARGS'     the ledger's JVM options instead of '-Xmx<heap> -XX:+UseSerialGC'
              --ledger-property=K=V   a configuration property for the ledger (-DK=V), repeatable, e.g.
                                      mp.messaging.incoming.contributions.max.poll.records=500
              --shuffle               publish in a random order instead of time order
              --max-minutes=N         give up on a size after N minutes, or after 3 minutes without progress
                                      (default 60)
              --keep-data             keep each run's data directory (Kafka log, MongoDB file, logs)
            """;

    private LedgerBenchmark() {
    }

    record Options(List<Integer> sizes, long seed, int perPerson, String ledgerHeap, List<String> ledgerJvm,
            List<String> ledgerProps, boolean shuffle, Duration maxPerSize, boolean keepData) {
    }

    /** One size's figures; {@code failure} says why it stopped early (the figures are then as far as it got). */
    record Row(int events, long distinct, long people, long entries, long folded, double generateSeconds,
            double publishSeconds, double endToEndSeconds, long ledgerCpuNanos, long ledgerPeakRss, String ledgerHeap,
            long mongoCpuNanos, long kafkaCpuNanos, double mongoBulkOpsPerSecond, String check, String failure) {
    }

    public static void main(String[] args) throws Exception {
        Options options = parse(args);
        if (options == null) {
            System.out.print(USAGE);
            return;
        }
        FreshInfrastructure.require(" for each size");
        Path ledgerJar = Locations.home().resolve("services/ledger/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(ledgerJar)) {
            System.err.println("The ledger is not built (" + ledgerJar + " is missing). Build first: "
                    + "./mvnw -DskipTests install");
            System.exit(2);
        }
        System.out.println(header(options));
        List<Row> rows = new ArrayList<>();
        for (int size : options.sizes()) {
            Row row = run(size, options);
            rows.add(row);
            System.out.println();
            System.out.println(table(rows));
            if (row.failure() != null) {
                System.out.println("Stopped at " + String.format(Locale.ROOT, "%,d", size) + " events: " + row.failure());
                System.exit(1);
            }
        }
    }

    // --- one size ---------------------------------------------------------------------------------------------------

    static Row run(int size, Options options) throws IOException, InterruptedException {
        log("%,d events: generating the synthetic history", size);
        long g0 = System.nanoTime();
        SyntheticHistory history = SyntheticHistory.generate(
                SyntheticHistory.Settings.ofSize(options.seed(), size, options.perPerson()));
        List<ContributionRecorded> events = new ArrayList<>(history.events());
        if (options.shuffle()) {
            Collections.shuffle(events, new Random(options.seed()));
        } else {
            events.sort(SyntheticHistory.FOLD_ORDER); // as they would arrive live, or from a history import
        }
        List<ProducerRecord<String, byte[]>> records = events.stream().map(ContributionPublisher::toRecord).toList();
        long distinct = events.stream().map(ContributionRecorded::getEventId).distinct().count();
        double generateSeconds = seconds(System.nanoTime() - g0);

        Path data = Files.createTempDirectory("ascent-bench-" + size + "-");
        log("%,d events (%,d distinct ids, %,d people) in %.1f s; starting Kafka, the MongoDB stand-in and the ledger in %s",
                size, distinct, history.people().size(), generateSeconds, data);
        Infra infra = Infra.start(data, Infra.Ports.free());
        LedgerProcess ledger = null;
        try {
            infra.createTopics(AscentSystem.TOPICS);
            double bulk = mongoBulkOpsPerSecond(infra.mongoUri());
            log("MongoDB stand-in: %,.0f bulk upserts/s (10,000 per bulkWrite, ~250 B documents)", bulk);
            List<String> jvm = ledgerJvm(options, size);
            log("starting the ledger: %s", String.join(" ", jvm));
            ledger = LedgerProcess.start(data, infra, jvm);
            long mongoPid = infra.mongoProcess().map(ManagedProcess::pid).orElse(-1L);
            long kafkaPid = infra.kafkaBroker().map(k -> k.pid()).orElse(-1L);
            ProcessSample ledger0 = ProcessSample.of(ledger.pid());
            ProcessSample mongo0 = ProcessSample.of(mongoPid);
            ProcessSample kafka0 = ProcessSample.of(kafkaPid);

            log("publishing %,d records on %s", records.size(), ContributionPublisher.TOPIC);
            long t0 = System.nanoTime();
            double publishSeconds;
            try (ContributionPublisher publisher = new ContributionPublisher(infra.kafkaBootstrapServers())) {
                records.forEach(publisher::send);
                publisher.flush();
                publishSeconds = seconds(System.nanoTime() - t0);
            }
            log("published in %.1f s (%,.0f records/s); waiting for the ledger to fold every distinct id",
                    publishSeconds, records.size() / publishSeconds);
            Wait wait = awaitFolded(ledger, records.size(), distinct, t0, options.maxPerSize());
            double endToEnd = seconds(wait.at() - t0);
            ProcessSample ledger1 = ProcessSample.of(ledger.pid());
            ProcessSample mongo1 = ProcessSample.of(mongoPid);
            ProcessSample kafka1 = ProcessSample.of(kafkaPid);
            GetStatsResponse s = wait.stats();
            String check = wait.failure() == null ? check(history, s) : "-";
            return new Row(size, distinct, s.getPeople(), s.getEntries(), s.getContributions(), generateSeconds,
                    publishSeconds, endToEnd, ledger1.cpuSince(ledger0), ledger1.peakRssBytes(),
                    jvm.stream().filter(a -> a.startsWith("-Xmx")).findFirst().map(a -> a.substring(4)).orElse("default"),
                    mongo1.cpuSince(mongo0), kafka1.cpuSince(kafka0), bulk, check, wait.failure());
        } finally {
            if (ledger != null) {
                ledger.close();
            }
            infra.close();
            if (!options.keepData()) {
                deleteTree(data);
            }
        }
    }

    record Wait(long at, GetStatsResponse stats, String failure) {
    }

    /**
     * Polls GetStats until every record was received and every distinct id is stored and folded; gives up after the
     * deadline, after {@link #STALL} without progress, or when the ledger exits.
     */
    static Wait awaitFolded(LedgerProcess ledger, long records, long distinct, long t0, Duration max)
            throws InterruptedException {
        long deadline = t0 + max.toNanos();
        long stallLimit = STALL.toNanos();
        long lastProgress = System.nanoTime();
        long nextReport = System.nanoTime() + PROGRESS_EVERY.toNanos();
        GetStatsResponse last = GetStatsResponse.getDefaultInstance();
        ProcessSample cpu0 = ProcessSample.of(ledger.pid());
        long cpuAt = System.nanoTime();
        while (true) {
            long now = System.nanoTime();
            if (!ledger.isAlive()) {
                return new Wait(now, last, "the ledger exited; its log ends with:\n" + ledger.logTail());
            }
            GetStatsResponse s;
            try {
                s = ledger.stats();
            } catch (StatusRuntimeException e) {
                s = last;
            }
            now = System.nanoTime();
            if (s.getRecordsReceived() >= records && s.getContributions() >= distinct) {
                return new Wait(now, s, null);
            }
            if (s.getRecordsReceived() != last.getRecordsReceived() || s.getContributions() != last.getContributions()) {
                lastProgress = now;
            }
            last = s;
            if (now > deadline) {
                return new Wait(now, last, "not folded within " + max.toMinutes() + " minutes");
            }
            if (now - lastProgress > stallLimit) {
                return new Wait(now, last, "no progress for " + STALL.toMinutes() + " minutes; the ledger's readiness: "
                        + ledger.readiness() + "; its log ends with:\n" + ledger.logTail());
            }
            if (now >= nextReport) {
                ProcessSample cpu = ProcessSample.of(ledger.pid());
                log("  %,d / %,d records received, %,d / %,d ids folded, %.0f s; ledger CPU %.0f%%, RSS %,d MB",
                        s.getRecordsReceived(), records, s.getContributions(), distinct, seconds(now - t0),
                        100.0 * cpu.cpuSince(cpu0) / (now - cpuAt), cpu.rssBytes() >> 20);
                cpu0 = cpu;
                cpuAt = now;
                nextReport = now + PROGRESS_EVERY.toNanos();
            }
            TimeUnit.NANOSECONDS.sleep(POLL.toNanos()); // the polling interval of a condition with a deadline
        }
    }

    /** The ledger's people and entries against the same history folded in this process: "ok" or what differs. */
    static String check(SyntheticHistory history, GetStatsResponse s) {
        LedgerEngine engine = new LedgerEngine(Ruleset.loadDefault());
        engine.add(history.canonical().stream().map(ContributionMapping::fromProto).toList());
        if (engine.people().size() == s.getPeople() && engine.entryCount() == s.getEntries()
                && engine.size() == s.getContributions()) {
            return "ok";
        }
        return String.format(Locale.ROOT, "differs: in-process %d ids, %d people, %d entries", engine.size(),
                engine.people().size(), engine.entryCount());
    }

    /** The stand-in's own bulk-upsert rate, measured in the same run: the ceiling for a ledger that writes to it. */
    static double mongoBulkOpsPerSecond(String uri) {
        try (MongoClient client = MongoClients.create(uri)) {
            MongoCollection<Document> c = client.getDatabase("benchmark-probe").getCollection("probe");
            String filler = "x".repeat(180);
            ReplaceOptions upsert = new ReplaceOptions().upsert(true);
            BulkWriteOptions unordered = new BulkWriteOptions().ordered(false);
            double rate = 0;
            for (int round = 0; round < 2; round++) { // the first warms up
                int n = round == 0 ? 2_000 : 10_000;
                List<WriteModel<Document>> writes = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    String id = "probe-" + round + "-" + i;
                    writes.add(new ReplaceOneModel<>(Filters.eq("_id", id),
                            new Document("_id", id).append("n", i).append("at", new java.util.Date()).append("s", filler),
                            upsert));
                }
                long t = System.nanoTime();
                c.bulkWrite(writes, unordered);
                rate = n / seconds(System.nanoTime() - t);
            }
            client.getDatabase("benchmark-probe").drop();
            return rate;
        }
    }

    // --- the ledger alone, from its packaged jar ----------------------------------------------------------------

    /**
     * The ledger service as its own JVM from its packaged jar, with the environment {@link AscentSystem} gives it and
     * the JVM options given.
     */
    static final class LedgerProcess implements AutoCloseable {
        private final ManagedProcess process;
        private final ManagedChannel channel;
        private final LedgerQueryServiceGrpc.LedgerQueryServiceBlockingStub stub;

        private final int httpPort;

        private LedgerProcess(ManagedProcess process, int httpPort, int grpcPort) {
            this.process = process;
            this.httpPort = httpPort;
            this.channel = ManagedChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
            this.stub = LedgerQueryServiceGrpc.newBlockingStub(channel);
        }

        static LedgerProcess start(Path data, Infra infra, List<String> jvm) throws IOException, InterruptedException {
            Path app = Locations.home().resolve("services/ledger");
            int[] ports = FreePorts.take(2);
            Map<String, String> env = Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", infra.kafkaBootstrapServers(),
                    "MONGODB_URI", infra.mongoUri(),
                    "LEDGER_HTTP_PORT", Integer.toString(ports[0]),
                    "LEDGER_GRPC_PORT", Integer.toString(ports[1]));
            // -jar, as in production: the runner's manifest adds the --add-opens and native access Quarkus needs
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(jvm);
            cmd.add("-jar");
            cmd.add(app.resolve("target/quarkus-app/quarkus-run.jar").toString());
            ManagedProcess p = ManagedProcess.start("ledger", cmd, app, env, data.resolve("logs/ledger.log"));
            try {
                awaitReady(p, ports[0]);
            } catch (RuntimeException e) {
                p.stop(Duration.ofSeconds(10));
                throw e;
            }
            return new LedgerProcess(p, ports[0], ports[1]);
        }

        private static void awaitReady(ManagedProcess p, int httpPort) {
            p.waitForHttpOk(URI.create("http://127.0.0.1:" + httpPort + "/q/health/ready"), READY_DEADLINE);
        }

        GetStatsResponse stats() {
            return stub.withDeadlineAfter(60, TimeUnit.SECONDS).getStats(GetStatsRequest.getDefaultInstance());
        }

        /** The answer of its readiness check, e.g. "503 {...}" once its Kafka channel failed. */
        String readiness() {
            try {
                HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + httpPort + "/q/health/ready")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                return r.statusCode() + " " + r.body().replaceAll("\\s+", " ");
            } catch (IOException e) {
                return e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }

        long pid() {
            return process.isAlive() ? process.pid() : -1;
        }

        boolean isAlive() {
            return process.isAlive();
        }

        String logTail() {
            return process.logTail();
        }

        @Override
        public void close() throws InterruptedException {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            process.stop(Duration.ofSeconds(20));
        }
    }

    // --- options and output -----------------------------------------------------------------------------------------

    static Options parse(String[] args) {
        List<Integer> sizes = new ArrayList<>();
        long seed = 20260101L;
        int perPerson = SyntheticHistory.DEFAULT_EVENTS_PER_PERSON;
        String heap = "auto";
        List<String> jvm = null;
        List<String> props = new ArrayList<>();
        boolean shuffle = false;
        boolean keep = false;
        Duration max = Duration.ofMinutes(60);
        // the script passes its arguments through one property: split them here
        List<String> words = Arrays.stream(args).flatMap(a -> a.startsWith("--ledger-jvm=") ? Stream.of(a)
                : Arrays.stream(a.trim().split("\\s+"))).filter(w -> !w.isEmpty()).toList();
        for (String w : words) {
            String value = w.contains("=") ? w.substring(w.indexOf('=') + 1) : "";
            if (w.equals("-h") || w.equals("--help")) {
                return null;
            } else if (w.startsWith("--seed=")) {
                seed = Long.parseLong(value);
            } else if (w.startsWith("--per-person=")) {
                perPerson = Integer.parseInt(value);
            } else if (w.startsWith("--ledger-heap=")) {
                heap = value;
            } else if (w.startsWith("--ledger-jvm=")) {
                jvm = Arrays.stream(value.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
            } else if (w.startsWith("--ledger-property=")) {
                props.add("-D" + value);
            } else if (w.equals("--shuffle")) {
                shuffle = true;
            } else if (w.equals("--keep-data")) {
                keep = true;
            } else if (w.startsWith("--max-minutes=")) {
                max = Duration.ofMinutes(Long.parseLong(value));
            } else if (w.startsWith("-")) {
                throw new IllegalArgumentException("unknown option " + w + "\n" + USAGE);
            } else {
                sizes.add(size(w));
            }
        }
        if (sizes.isEmpty()) {
            sizes = List.of(10_000, 100_000);
        }
        return new Options(sizes, seed, perPerson, heap, jvm, List.copyOf(props), shuffle, max, keep);
    }

    static int size(String s) {
        String t = s.toLowerCase(Locale.ROOT).replace("_", "").replace(",", "");
        int factor = t.endsWith("k") ? 1_000 : t.endsWith("m") ? 1_000_000 : 1;
        int n = Integer.parseInt(factor == 1 ? t : t.substring(0, t.length() - 1)) * factor;
        if (n < SyntheticHistory.MIN_EVENTS) {
            throw new IllegalArgumentException("a size is at least " + SyntheticHistory.MIN_EVENTS + " events, not " + s);
        }
        return n;
    }

    static List<String> ledgerJvm(Options o, int size) {
        List<String> jvm = new ArrayList<>(o.ledgerJvm() != null ? o.ledgerJvm()
                : List.of("-Xmx" + heap(o.ledgerHeap(), size), "-XX:+UseSerialGC"));
        jvm.addAll(o.ledgerProps());
        return jvm;
    }

    static String heap(String option, int size) {
        if (!option.equals("auto")) {
            return option;
        }
        // the fold keeps every contribution and ledger line in memory: about 2 KB per event, and room to collect
        long mb = Math.max(384, size * 3L / 1024);
        return mb + "m";
    }

    static String header(Options o) {
        String jvm = (o.ledgerJvm() != null ? String.join(" ", o.ledgerJvm())
                : "-Xmx" + (o.ledgerHeap().equals("auto") ? "<384m, or 3 KB per event above that>" : o.ledgerHeap())
                        + " -XX:+UseSerialGC") + (o.ledgerProps().isEmpty() ? "" : " " + String.join(" ", o.ledgerProps()));
        return String.format(Locale.ROOT, """
                Ledger benchmark: synthetic history (seed %d, %d events per person, %s order) published on \
                contributions.v1 (%d partitions, lz4, acks=all) and folded by the ledger (JVM %s); \
                Kafka and the MongoDB stand-in (H2 file) from devstack, fresh for each size; %d CPUs, JDK %s.""",
                o.seed(), o.perPerson(), o.shuffle() ? "random" : "time",
                AscentSystem.TOPICS.get(ContributionPublisher.TOPIC),
                jvm, Runtime.getRuntime().availableProcessors(), Runtime.version().feature());
    }

    static String table(List<Row> rows) {
        String[] head = {"events", "distinct ids", "people", "entries", "publish s", "end-to-end s", "events/s",
            "wall µs/event", "ledger CPU µs/event", "ledger peak RSS MB", "ledger -Xmx", "mongo CPU µs/event",
            "kafka CPU µs/event",
            "mongo bulk ops/s", "check"};
        List<String[]> cells = new ArrayList<>();
        cells.add(head);
        for (Row r : rows) {
            double events = r.failure() == null ? r.events() : Math.max(1, r.folded());
            cells.add(new String[] {
                String.format(Locale.ROOT, "%,d", r.events()),
                String.format(Locale.ROOT, "%,d", r.distinct()) + (r.failure() == null ? ""
                        : String.format(Locale.ROOT, " (%,d folded)", r.folded())),
                String.format(Locale.ROOT, "%,d", r.people()),
                String.format(Locale.ROOT, "%,d", r.entries()),
                String.format(Locale.ROOT, "%.1f", r.publishSeconds()),
                String.format(Locale.ROOT, "%.1f", r.endToEndSeconds()) + (r.failure() == null ? "" : " (stopped)"),
                String.format(Locale.ROOT, "%,.0f", events / r.endToEndSeconds()),
                String.format(Locale.ROOT, "%.0f", r.endToEndSeconds() * 1e6 / events),
                perEvent(r.ledgerCpuNanos(), events),
                String.format(Locale.ROOT, "%,d", r.ledgerPeakRss() >> 20),
                r.ledgerHeap(),
                perEvent(r.mongoCpuNanos(), events),
                perEvent(r.kafkaCpuNanos(), events),
                String.format(Locale.ROOT, "%,.0f", r.mongoBulkOpsPerSecond()),
                r.failure() == null ? r.check() : "FAILED"});
        }
        StringBuilder b = new StringBuilder(Table.markdown(cells, i -> i == head.length - 1));
        b.append("""
                wall µs/event = end-to-end time / events; CPU µs/event = the process's user+system CPU time from the \
                first publish to fully folded, / events (/proc/<pid>/stat); entries = ledger lines over everyone; \
                check = the ledger's ids, people and entries equal the same history folded in-process.""");
        return b.toString();
    }

    /** µs of CPU per event, or "n/a" when the process's CPU time could not be read. */
    private static String perEvent(long cpuNanos, double events) {
        return cpuNanos < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f", cpuNanos / 1e3 / events);
    }

    private static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, "[bench] " + format + "%n", args);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            log("could not delete %s: %s", root, e.getMessage());
        }
    }
}
