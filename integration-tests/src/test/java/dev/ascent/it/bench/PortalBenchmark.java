package dev.ascent.it.bench;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import dev.ascent.devstack.AscentSystem;
import dev.ascent.devstack.ContributionPublisher;
import dev.ascent.devstack.Infra;
import dev.ascent.devstack.ManagedProcess;
import dev.ascent.devstack.SyntheticHistory;
import dev.ascent.proto.events.v1.ContributionRecorded;
import dev.ascent.proto.ledger.v1.GetStatsRequest;
import dev.ascent.proto.ledger.v1.GetStatsResponse;
import dev.ascent.proto.ledger.v1.LedgerQueryServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The contributor portal's page times with a populated ledger: the whole system from devstack ({@link AscentSystem}),
 * a synthetic history of {@code --people} contributors published straight on {@code contributions.v1} and folded by
 * the ledger, then contributor pages ({@code GET /c/{login}}) of random existing logins and the home page
 * ({@code GET /}) asked one after the other by one client. Prints the server's own time per page (the gateway's
 * {@code Server-Timing}) and the client's, and the services' memory. Run by {@code integration-tests/bench portal}
 * (README "Benchmarks"); not a test, so never part of {@code ./mvnw verify}.
 */
public final class PortalBenchmark {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(15);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** A page's requests stop after this many failures in a row: the system is broken, the rest would fail too. */
    private static final int FAILURES_IN_A_ROW = 50;
    private static final int FAILURES_SHOWN = 10;
    private static final Pattern APP_DURATION = Pattern.compile("(?:^|,)\\s*app;dur=([0-9]+(?:\\.[0-9]+)?)");
    private static final String USAGE = """
            Usage: integration-tests/bench portal [options]
              --people=N          contributors in the synthetic history, each acting at least once (default 10000)
              --events=SIZE       records in it, e.g. 200k (default 200k, about 20 per person)
              --seed=N            the history's and the logins' seed (default 20260101)
              --warmup=N          contributor pages asked before measuring, and a tenth as many home pages (default 300)
              --requests=N        contributor pages measured (default 3000)
              --home-requests=N   home pages measured (default 300)
              --max-minutes=N     give up when the ledger has not folded the history after N minutes (default 20)
              --keep-data         keep the run's data directory (Kafka log, MongoDB file, the services' logs)
            The services' JVM options come from ASCENT_LEDGER_JAVA_OPTS and ASCENT_GATEWAY_JAVA_OPTS (the script sets
            -Xmx2g -XX:+UseSerialGC and -Xmx384m -XX:+UseSerialGC unless they are set).
            """;

    private PortalBenchmark() {
    }

    record Options(long seed, int people, int events, int warmup, int requests, int homeRequests, Duration maxFold,
            boolean keepData) {
    }

    /** One page's answers: server and client milliseconds of the good ones, and the failures. */
    static final class Page {
        final String name;
        final List<Double> server = new ArrayList<>();
        final List<Double> client = new ArrayList<>();
        int requests;
        int failures;
        int failingInARow;
        String slowest = "";
        double slowestMs = -1;

        Page(String name) {
            this.name = name;
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = parse(args);
        if (options == null) {
            System.out.print(USAGE);
            return;
        }
        FreshInfrastructure.require("");
        System.exit(run(options));
    }

    /** The whole run; returns the exit status: 0, or 1 when the data did not load or an answer was wrong. */
    static int run(Options o) throws IOException, InterruptedException {
        System.out.println(header(o));
        log("generating the synthetic history: %,d people, %,d events", o.people(), o.events());
        SyntheticHistory history = SyntheticHistory.generate(
                SyntheticHistory.Settings.ofPeople(o.seed(), o.people(), o.events()));
        List<ContributionRecorded> events = new ArrayList<>(history.events());
        events.sort(SyntheticHistory.FOLD_ORDER); // as they would arrive live, or from a history import
        List<ProducerRecord<String, byte[]>> records = events.stream().map(ContributionPublisher::toRecord).toList();
        List<ContributionRecorded> canonical = history.canonical();
        List<String> logins = canonical.stream().filter(ContributionRecorded::hasContributor)
                .map(e -> e.getContributor().getLogin()).distinct().sorted().toList();

        Path data = Files.createTempDirectory("ascent-bench-portal-");
        log("starting Kafka, the MongoDB stand-in and the services in %s", data);
        int status = 0;
        try (AscentSystem system = AscentSystem.start(data, Infra.Ports.free(), AscentSystem.ServicePorts.free(),
                "bench-portal-webhook-secret")) {
            ManagedProcess ledger = system.process("ledger");
            ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", system.ports().ledgerGrpc())
                    .usePlaintext().build();
            Fold fold;
            try {
                var stub = LedgerQueryServiceGrpc.newBlockingStub(channel);
                log("publishing %,d records on %s", records.size(), ContributionPublisher.TOPIC);
                long t0 = System.nanoTime();
                String kafka = system.infra().kafkaBootstrapServers();
                try (ContributionPublisher publisher = new ContributionPublisher(kafka)) {
                    records.forEach(publisher::send);
                    publisher.flush();
                }
                double publishSeconds = (System.nanoTime() - t0) / 1e9;
                log("published in %.1f s; waiting for the ledger to fold %,d distinct ids", publishSeconds,
                        canonical.size());
                fold = awaitFolded(stub, ledger, records.size(), canonical.size(), t0, o.maxFold());
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
            GetStatsResponse s = fold.stats();
            System.out.printf(Locale.ROOT, "Loaded: %,d records (%,d distinct ids) of %,d people; GetStats: %,d ids "
                    + "folded, %,d people with a ledger, %,d ledger lines; folded %.1f s after the first publish "
                    + "(%,.0f records/s).%n", records.size(), canonical.size(), logins.size(), s.getContributions(),
                    s.getPeople(), s.getEntries(), fold.seconds(), records.size() / fold.seconds());
            if (fold.failure() != null) {
                System.out.println("The ledger did not fold the history: " + fold.failure());
                return 1;
            }
            if (s.getPeople() != logins.size()) {
                log("the ledger has %,d people, the history %,d contributors: pages of the others will fail",
                        s.getPeople(), logins.size());
            }

            String base = system.gatewayUrl();
            Random random = new Random(o.seed());
            List<String> failures = new ArrayList<>();
            Page warmup = new Page("warm-up");
            Page contributor = new Page("/c/{login}");
            Page home = new Page("/");
            try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build()) {
                log("warming up: %,d contributor pages, %,d home pages", o.warmup(), o.warmup() / 10);
                for (int i = 0; i < o.warmup() && goOn(warmup); i++) {
                    get(http, base, pick(logins, random), warmup, failures);
                    if (i % 10 == 9) {
                        get(http, base, null, warmup, failures);
                    }
                }
                log("measuring: %,d contributor pages", o.requests());
                for (int i = 0; i < o.requests() && goOn(contributor); i++) {
                    get(http, base, pick(logins, random), contributor, failures);
                }
                log("measuring: %,d home pages", o.homeRequests());
                for (int i = 0; i < o.homeRequests() && goOn(home); i++) {
                    get(http, base, null, home, failures);
                }
            }
            ProcessSample gatewayMemory = ProcessSample.of(system.process("gateway").pid());
            ProcessSample ledgerMemory = ProcessSample.of(ledger.pid());

            System.out.println();
            System.out.println(table(List.of(contributor, home)));
            System.out.printf(Locale.ROOT, "Peak RSS (VmHWM) after the run: gateway %,d MB, ledger %,d MB (RSS now: "
                    + "%,d MB and %,d MB). Warm-up before measuring: %,d requests, %,d failed.%n",
                    gatewayMemory.peakRssBytes() >> 20, ledgerMemory.peakRssBytes() >> 20,
                    gatewayMemory.rssBytes() >> 20, ledgerMemory.rssBytes() >> 20, warmup.requests, warmup.failures);
            if (contributor.slowestMs >= 0) {
                System.out.printf(Locale.ROOT, "Slowest contributor page: %s (%.1f ms in the gateway).%n",
                        contributor.slowest, contributor.slowestMs);
            }
            int failed = warmup.failures + contributor.failures + home.failures;
            if (failed > 0) {
                System.out.printf(Locale.ROOT, "%,d answers were wrong; the first %d:%n", failed, failures.size());
                failures.forEach(f -> System.out.println("  " + f));
                status = 1;
            }
        } finally {
            if (o.keepData()) {
                log("the run's data is in %s", data);
            } else {
                try {
                    MoreFiles.deleteRecursively(data, RecursiveDeleteOption.ALLOW_INSECURE);
                } catch (IOException e) {
                    log("could not delete %s: %s", data, e);
                }
            }
        }
        return status;
    }

    // --- loading ----------------------------------------------------------------------------------------------------

    record Fold(double seconds, GetStatsResponse stats, String failure) {
    }

    /**
     * Polls GetStats until the ledger received every record and folded every distinct id; gives up at the deadline or
     * when the ledger exits.
     */
    static Fold awaitFolded(LedgerQueryServiceGrpc.LedgerQueryServiceBlockingStub stub, ManagedProcess ledger,
            long records, long distinct, long t0, Duration max) throws InterruptedException {
        long deadline = t0 + max.toNanos();
        long nextReport = System.nanoTime() + PROGRESS_EVERY.toNanos();
        GetStatsResponse last = GetStatsResponse.getDefaultInstance();
        while (true) {
            if (!ledger.isAlive()) {
                return new Fold((System.nanoTime() - t0) / 1e9, last,
                        "the ledger exited; its log ends with:\n" + ledger.logTail());
            }
            try {
                last = stub.withDeadlineAfter(60, TimeUnit.SECONDS).getStats(GetStatsRequest.getDefaultInstance());
            } catch (StatusRuntimeException e) {
                log("GetStats: %s", e.getStatus());
            }
            long now = System.nanoTime();
            if (last.getRecordsReceived() >= records && last.getContributions() >= distinct) {
                return new Fold((now - t0) / 1e9, last, null);
            }
            if (now > deadline) {
                return new Fold((now - t0) / 1e9, last, "not folded within " + max.toMinutes() + " minutes");
            }
            if (now >= nextReport) {
                log("  %,d / %,d records received, %,d / %,d ids folded, %.0f s", last.getRecordsReceived(), records,
                        last.getContributions(), distinct, (now - t0) / 1e9);
                nextReport = now + PROGRESS_EVERY.toNanos();
            }
            TimeUnit.NANOSECONDS.sleep(POLL.toNanos()); // the polling interval of a condition with a deadline
        }
    }

    // --- measuring --------------------------------------------------------------------------------------------------

    private static String pick(List<String> logins, Random random) {
        return logins.get(random.nextInt(logins.size()));
    }

    /** Whether to go on asking the page: not after {@link #FAILURES_IN_A_ROW} failures in a row. */
    private static boolean goOn(Page page) {
        if (page.failingInARow < FAILURES_IN_A_ROW) {
            return true;
        }
        log("%s: %d failures in a row, giving up on this page", page.name, page.failingInARow);
        return false;
    }

    /**
     * Asks the contributor page of {@code login}, or the home page when it is null, and records the answer's times in
     * {@code page} when it is 200 with a {@code Server-Timing} and, for a contributor page, the login in its body.
     */
    static void get(HttpClient http, String base, String login, Page page, List<String> failures)
            throws InterruptedException {
        String path = login == null ? "/" : "/c/" + URLEncoder.encode(login, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT).GET().build();
        page.requests++;
        String wrong;
        long t = System.nanoTime();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            double clientMs = (System.nanoTime() - t) / 1e6;
            Matcher timing = APP_DURATION.matcher(r.headers().firstValue("Server-Timing").orElse(""));
            if (r.statusCode() != 200) {
                wrong = r.statusCode() + " " + excerpt(r.body());
            } else if (!timing.find()) {
                wrong = "no Server-Timing app;dur in the answer's headers " + r.headers().map();
            } else if (login != null && !mentions(r.body(), login)) {
                wrong = "200 without the login in the page: " + excerpt(r.body());
            } else {
                double serverMs = Double.parseDouble(timing.group(1));
                page.server.add(serverMs);
                page.client.add(clientMs);
                page.failingInARow = 0;
                if (serverMs > page.slowestMs) {
                    page.slowestMs = serverMs;
                    page.slowest = path;
                }
                return;
            }
        } catch (IOException e) {
            wrong = e.toString();
        }
        page.failures++;
        page.failingInARow++;
        if (failures.size() < FAILURES_SHOWN) {
            failures.add("GET " + path + ": " + wrong);
        }
    }

    /** The login as a whole word of the page: {@code synth-1} does not count inside {@code synth-12}. */
    static boolean mentions(String body, String login) {
        return Pattern.compile("(?<![A-Za-z0-9-])" + Pattern.quote(login) + "(?![A-Za-z0-9-])",
                Pattern.CASE_INSENSITIVE).matcher(body).find();
    }

    private static String excerpt(String body) {
        String text = body.replaceAll("(?s)<(script|style)[^>]*>.*?</\\1>", " ").replaceAll("<[^>]+>", " ")
                .replaceAll("\\s+", " ").trim();
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    // --- options and output -----------------------------------------------------------------------------------------

    static Options parse(String[] args) {
        long seed = 20260101L;
        int people = 10_000;
        int events = 200_000;
        int warmup = 300;
        int requests = 3_000;
        int homeRequests = 300;
        Duration max = Duration.ofMinutes(20);
        boolean keep = false;
        for (String w : args) {
            String value = w.substring(w.indexOf('=') + 1);
            if (w.equals("-h") || w.equals("--help")) {
                return null;
            } else if (w.startsWith("--seed=")) {
                seed = Long.parseLong(value);
            } else if (w.startsWith("--people=")) {
                people = Integer.parseInt(value.replace("_", "").replace(",", ""));
            } else if (w.startsWith("--events=")) {
                events = LedgerBenchmark.size(value);
            } else if (w.startsWith("--warmup=")) {
                warmup = Integer.parseInt(value);
            } else if (w.startsWith("--requests=")) {
                requests = Integer.parseInt(value);
            } else if (w.startsWith("--home-requests=")) {
                homeRequests = Integer.parseInt(value);
            } else if (w.startsWith("--max-minutes=")) {
                max = Duration.ofMinutes(Long.parseLong(value));
            } else if (w.equals("--keep-data")) {
                keep = true;
            } else {
                throw new IllegalArgumentException("unknown argument " + w + "\n" + USAGE);
            }
        }
        return new Options(seed, people, events, warmup, requests, homeRequests, max, keep);
    }

    static String header(Options o) {
        return String.format(Locale.ROOT, """
                Portal benchmark: synthetic history (seed %d, %,d people each acting at least once, %,d events) \
                published on contributions.v1 and folded by the ledger; the whole system from devstack (gateway in \
                profile local); pages asked one at a time by one client over HTTP/1.1; ledger JVM: %s; gateway JVM: \
                %s; %d CPUs, JDK %s.""", o.seed(), o.people(), o.events(), javaOptions("LEDGER"),
                javaOptions("GATEWAY"), Runtime.getRuntime().availableProcessors(), Runtime.version().feature());
    }

    private static String javaOptions(String service) {
        String configured = System.getenv("ASCENT_" + service + "_JAVA_OPTS");
        return configured == null || configured.isBlank() ? "devstack's default" : configured.trim();
    }

    static String table(List<Page> pages) {
        String[] head = {"page", "requests", "failed", "server p50 ms", "server p95 ms", "server p99 ms",
            "server max ms", "client p50 ms", "client p95 ms"};
        List<String[]> rows = new ArrayList<>();
        rows.add(head);
        for (Page p : pages) {
            double[] server = p.server.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double[] client = p.client.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            rows.add(new String[] {p.name, String.format(Locale.ROOT, "%,d", p.requests),
                String.format(Locale.ROOT, "%,d", p.failures), percentile(server, 50), percentile(server, 95),
                percentile(server, 99), percentile(server, 100), percentile(client, 50), percentile(client, 95)});
        }
        StringBuilder b = new StringBuilder(Table.markdown(rows, i -> i == 0));
        b.append("""
                server = the gateway's Server-Timing app;dur (request arrival to headers: the ledger call and the \
                rendering); client = send to last byte, in this JVM; percentiles over the answers that were right.""");
        return b.toString();
    }

    /** The nearest-rank percentile of sorted values, in ms with one decimal; "-" when there are none. */
    static String percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return "-";
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return String.format(Locale.ROOT, "%.1f", sorted[Math.max(0, rank - 1)]);
    }

    private static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, "[bench] " + format + "%n", args);
    }
}
