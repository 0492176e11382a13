package dev.ascent.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The local run: {@code up} starts the whole system on this machine and keeps it running until Ctrl-C or
 * {@code down}; {@code down} stops a running {@code up}. Data lives in {@code .ascent-data/} (or {@code ASCENT_DATA}).
 */
public final class DevStackMain {

    /** The secret the local run uses when {@code GITHUB_WEBHOOK_SECRET} is not set. */
    public static final String LOCAL_SECRET = "local-development-secret";

    private DevStackMain() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "up" : args[0];
        Path data = Optional.ofNullable(System.getenv("ASCENT_DATA")).map(Path::of)
                .orElseGet(() -> Locations.home().resolve(".ascent-data")).toAbsolutePath();
        Path pidFile = data.resolve("ascent.pid");
        switch (command) {
            case "up" -> up(data, pidFile);
            case "down" -> down(pidFile);
            default -> {
                System.err.println("usage: devstack up|down");
                System.exit(2);
            }
        }
    }

    private static void up(Path data, Path pidFile) throws IOException, InterruptedException {
        Optional<ProcessHandle> already = running(pidFile);
        if (already.isPresent()) {
            System.err.println("Ascent is already running (pid " + already.get().pid() + "); stop it with ./ascent down");
            System.exit(1);
        }
        Files.createDirectories(data);
        String secret = Optional.ofNullable(System.getenv("GITHUB_WEBHOOK_SECRET")).filter(s -> !s.isBlank())
                .orElse(LOCAL_SECRET);
        long started = System.nanoTime();
        System.out.println("Starting Ascent; data in " + data + ", logs in " + data.resolve("logs"));
        AscentSystem system = AscentSystem.start(data, Infra.Ports.defaults(), AscentSystem.ServicePorts.defaults(), secret,
                AscentSystem.Options.localWorkers());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping Ascent…");
            system.close();
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException ignored) {
                // a stale pid file is recognised as stale at the next start
            }
            System.out.println("Ascent stopped.");
            stopped.countDown();
        }, "ascent-stop"));
        Files.writeString(pidFile, Long.toString(ProcessHandle.current().pid()));
        double seconds = (System.nanoTime() - started) / 1e9;
        int demo = DemoData.publish(system.infra().kafkaBootstrapServers());
        AscentSystem.ServicePorts p = system.ports();
        System.out.printf("""

                Ascent is up (healthy after %.1f s).
                  Portal          http://localhost:%d/   (e.g. /c/demo-grace; sign in with any login, password: %s)
                  Webhooks        POST http://localhost:%d/webhooks/github   (secret: %s)
                  Public gRPC     localhost:%d   ascent.api.v1.ContributorService (GetContributor, ListLedger, GetLeaderboard)
                  Admin gRPC      localhost:%d   ascent.api.v1.AdminService   (%s)
                  Patch runs      localhost:%d   ascent.api.v1.PatchRunService (ListPullRequestRuns, GetPatchRun, RequestPatchRun)
                  Health          http://localhost:%d/q/health  (ingest :%d, ledger :%d, patch-runner :%d)
%s                  Kafka           %s
                  MongoDB         %s
                  Demo data       %d contributions of demo-ada, demo-grace, … published on contributions.v1
                Stop with Ctrl-C or ./ascent down.
                """, seconds, p.gatewayHttp(), localPasswordNote(), p.gatewayHttp(), secret.equals(LOCAL_SECRET) ? LOCAL_SECRET : "from GITHUB_WEBHOOK_SECRET",
                p.gatewayGrpc(), p.gatewayGrpc(), adminNote(), p.gatewayGrpc(), p.gatewayHttp(), p.ingestHttp(),
                p.ledgerHttp(), p.patchRunnerHttp(), workersNote(system),
                system.infra().kafkaBootstrapServers(), system.infra().mongoUri(), demo);
        stopped.await();
    }

    /** One line per local patch-run worker: started (with its health port) or why not. */
    private static String workersNote(AscentSystem system) {
        StringBuilder b = new StringBuilder();
        for (String arch : AscentSystem.WORKER_ARCHS) {
            String name = "worker-" + arch;
            String why = system.workersNotStarted().get(name);
            b.append(String.format("                  Worker %-8s %s%n", arch, why == null
                    ? "running; baselines in " + Locations.vmWorkerDir() + " (the first build of each takes minutes)"
                    : "not started: " + why));
        }
        return b.toString();
    }

    /** The portal's local sign-in password, as the gateway's local profile reads it. */
    private static String localPasswordNote() {
        String configured = System.getenv("ASCENT_LOCAL_PASSWORD");
        return configured != null && !configured.isBlank() ? "from ASCENT_LOCAL_PASSWORD" : "ascent";
    }

    private static String adminNote() {
        String configured = System.getenv("ASCENT_ADMIN_TOKENS");
        return configured != null && !configured.isBlank() ? "admins from ASCENT_ADMIN_TOKENS"
                : "authorization: Bearer " + AscentSystem.LOCAL_ADMIN_TOKEN;
    }

    private static void down(Path pidFile) {
        Optional<ProcessHandle> up = running(pidFile);
        if (up.isEmpty()) {
            System.out.println("Ascent is not running.");
            return;
        }
        System.out.println("Stopping Ascent (pid " + up.get().pid() + ")…");
        up.get().destroy();
        try {
            up.get().onExit().get(Duration.ofSeconds(90).toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            System.out.println("Ascent stopped.");
        } catch (Exception e) {
            System.err.println("Ascent did not stop within 90 s; killing it and its children.");
            up.get().descendants().forEach(ProcessHandle::destroyForcibly);
            up.get().destroyForcibly();
        }
    }

    private static Optional<ProcessHandle> running(Path pidFile) {
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(h -> h.info().commandLine().map(c -> c.contains("devstack")).orElse(true));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
