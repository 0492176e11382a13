package dev.ascent.devstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A child process whose stdout and stderr are appended to a log file, with readiness waits and a tree-wide stop. */
public final class ManagedProcess implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration DEFAULT_GRACE = Duration.ofSeconds(30);
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);
    private static final int TAIL_LINES = 40;
    private static final int ERROR_LINES = 8;

    /** Processes still running, stopped by a JVM shutdown hook so that a dying parent leaves no orphans. */
    private static final Set<ManagedProcess> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ManagedProcess::stopAllOnJvmExit, "managed-process-reaper"));
    }

    private final String name;
    private final List<String> command;
    private final Path logFile;
    private final Process process;
    /** Where this process's output starts in the (appended, possibly shared) log file. */
    private final long logStart;

    private ManagedProcess(String name, List<String> command, Path logFile, Process process, long logStart) {
        this.name = name;
        this.command = command;
        this.logFile = logFile;
        this.process = process;
        this.logStart = logStart;
    }

    /**
     * Starts {@code command} in {@code workDir} with {@code extraEnv} added to this JVM's environment;
     * stdout and stderr are appended to {@code logFile} (created with its parent directories).
     *
     * @param name a short human name used in messages, e.g. "kafka"
     */
    public static ManagedProcess start(String name, List<String> command, Path workDir,
                                       Map<String, String> extraEnv, Path logFile) throws IOException {
        Path log = logFile.toAbsolutePath();
        Files.createDirectories(log.getParent());
        Files.createDirectories(workDir);
        long logStart = Files.exists(log) ? Files.size(log) : 0L;
        ProcessBuilder builder = new ProcessBuilder(List.copyOf(command))
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(extraEnv);
        Process process = builder.start();
        process.getOutputStream().close(); // the child's stdin: at EOF, never written
        ManagedProcess managed = new ManagedProcess(name, List.copyOf(command), log, process, logStart);
        RUNNING.add(managed);
        managed.process.onExit().thenRun(() -> RUNNING.remove(managed));
        return managed;
    }

    /**
     * A command line that runs {@code mainClass} on the JVM running this code ({@code java.home}), so child
     * JVMs never depend on what {@code java} happens to be on the PATH.
     */
    public static List<String> javaCommand(List<String> jvmArgs, String classpath, String mainClass, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExecutable());
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(mainClass);
        cmd.addAll(args);
        return cmd;
    }

    private static String javaExecutable() {
        Path fromHome = Path.of(System.getProperty("java.home"), "bin", "java");
        if (Files.isExecutable(fromHome)) {
            return fromHome.toString();
        }
        return ProcessHandle.current().info().command()
                .orElseThrow(() -> new IllegalStateException("Cannot find the java executable: " + fromHome
                        + " is missing and the current process reports no command"));
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    public List<String> command() {
        return command;
    }

    /** The process handle, e.g. to inspect its descendants. */
    public ProcessHandle toHandle() {
        return process.toHandle();
    }

    /**
     * Waits until the process writes a line containing {@code needle} to its log (only output of this process
     * counts, not earlier content of an appended log file).
     *
     * @throws IllegalStateException with the log tail if the process exits first or the deadline passes
     */
    public void waitForLog(String needle, Duration deadline) {
        if (needle.contains("\n")) {
            throw new IllegalArgumentException("The needle must be text within one line: " + needle);
        }
        long end = System.nanoTime() + deadline.toNanos();
        LogScanner log = new LogScanner(needle);
        while (true) {
            if (log.found()) {
                return;
            }
            if (!process.isAlive()) {
                if (log.found()) { // written just before exiting
                    return;
                }
                throw failure("exited with code " + process.exitValue() + " before logging \"" + needle + "\"");
            }
            if (System.nanoTime() - end >= 0) {
                throw failure("did not log \"" + needle + "\" within " + pretty(deadline));
            }
            awaitExitOrPoll();
        }
    }

    /**
     * Waits until a TCP connection to {@code host:port} succeeds.
     *
     * @throws IllegalStateException with the log tail if the process exits first or the deadline passes
     */
    public void waitForPort(String host, int port, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), (int) POLL.multipliedBy(5).toMillis());
                return;
            } catch (IOException notYet) {
                // not listening yet
            }
            if (!process.isAlive()) {
                throw failure("exited with code " + process.exitValue() + " before listening on " + host + ":" + port);
            }
            if (System.nanoTime() - end >= 0) {
                throw failure("was not listening on " + host + ":" + port + " within " + pretty(deadline));
            }
            awaitExitOrPoll();
        }
    }

    /**
     * Waits until an HTTP GET of {@code url} answers 200, e.g. a Quarkus service's {@code /q/health/ready}.
     *
     * @throws IllegalStateException with the last answer and the log tail if the process exits first or the
     *         deadline passes
     */
    public void waitForHttpOk(URI url, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        String last = "no answer yet";
        while (true) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(3)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
                last = r.statusCode() + " " + r.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + describe() + " at " + url, e);
            }
            if (!process.isAlive()) {
                throw failure("exited with code " + process.exitValue() + " before " + url + " answered 200");
            }
            if (System.nanoTime() - end >= 0) {
                throw failure("did not answer 200 at " + url + " within " + pretty(deadline) + " (last: " + last + ")");
            }
            awaitExitOrPoll();
        }
    }

    /**
     * Waits for the process to exit on its own and returns its exit code.
     *
     * @throws IllegalStateException with the log tail if it is still running at the deadline
     */
    public int waitForExit(Duration deadline) {
        try {
            if (process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                return process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + describe() + " to exit", e);
        }
        throw failure("did not exit within " + pretty(deadline));
    }

    /**
     * Stops the process: SIGTERM, up to {@code grace} for it to exit, then SIGKILL for it and every descendant
     * still alive (including ones orphaned by its exit). Returns the exit code; idempotent.
     */
    public int stop(Duration grace) {
        // Snapshot first: once the parent exits its children are re-parented and no longer its descendants.
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        try {
            if (process.isAlive()) {
                process.destroy();
                awaitExit(process.onExit(), grace);
            }
            process.descendants().forEach(tree::add);
            if (process.isAlive()) {
                process.destroyForcibly();
            }
            for (ProcessHandle descendant : tree) {
                if (descendant.isAlive()) {
                    descendant.destroyForcibly();
                }
            }
            if (!awaitExit(process.onExit(), KILL_WAIT)) {
                throw new IllegalStateException(describe() + " is still alive " + pretty(KILL_WAIT) + " after SIGKILL");
            }
            for (ProcessHandle descendant : tree) {
                awaitExit(descendant.onExit(), KILL_WAIT);
            }
            return process.exitValue();
        } finally {
            RUNNING.remove(this);
        }
    }

    /** Uninterruptible bounded wait: true if the future completed within the duration. */
    private static boolean awaitExit(CompletableFuture<?> exit, Duration within) {
        return exit.orTimeout(within.toMillis(), TimeUnit.MILLISECONDS).handle((ignored, timeout) -> timeout == null).join();
    }

    /** {@link #stop(Duration)} with a 30 s grace period. */
    @Override
    public void close() {
        stop(DEFAULT_GRACE);
    }

    /** The last lines this process wrote to its log. */
    public String logTail() {
        return tail(TAIL_LINES);
    }

    @Override
    public String toString() {
        return describe();
    }

    private String describe() {
        return name + " (pid " + process.pid() + ")";
    }

    private IllegalStateException failure(String what) {
        List<String> errors = errorLines(ERROR_LINES);
        return new IllegalStateException(describe() + " " + what + "\n  command: " + String.join(" ", command)
                + (errors.isEmpty() ? "" : "\n  first error lines in " + logFile + ":\n" + indent(String.join("\n", errors)))
                + "\n  last lines of " + logFile + ":\n" + indent(tail(TAIL_LINES)));
    }

    /** The first lines of this process's output that report an error, a fatal condition or an exception's cause. */
    private List<String> errorLines(int max) {
        List<String> found = new ArrayList<>();
        if (!Files.exists(logFile)) {
            return found;
        }
        try (InputStream in = Files.newInputStream(logFile)) {
            in.skipNBytes(Math.min(logStart, Files.size(logFile)));
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null && found.size() < max; line = reader.readLine()) {
                if (line.contains(" ERROR ") || line.contains(" FATAL ") || line.startsWith("Caused by: ")
                        || line.startsWith("Exception in thread ") || line.startsWith("Error: ")) {
                    found.add(line.length() > 500 ? line.substring(0, 500) + "..." : line);
                }
            }
        } catch (IOException e) {
            found.add("(cannot read log: " + e + ")");
        }
        return found;
    }

    /** Waits one poll interval, returning early if the process exits. */
    private void awaitExitOrPoll() {
        try {
            process.onExit().get(POLL.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillRunning) {
            // poll again
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + describe(), e);
        }
    }

    /** Incremental search of this process's output, from its first byte in the log file. */
    private final class LogScanner {
        private final String needle;
        private long position = logStart;
        private final StringBuilder unscanned = new StringBuilder();

        LogScanner(String needle) {
            this.needle = needle;
        }

        /** Reads what was appended since the last call; true once the output contains the needle. */
        boolean found() {
            if (!Files.exists(logFile)) {
                return false;
            }
            try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
                long length = file.length();
                if (length < position) { // truncated under us: start over
                    position = Math.min(logStart, length);
                    unscanned.setLength(0);
                }
                while (position < length) {
                    byte[] chunk = new byte[(int) Math.min(length - position, 1 << 20)];
                    file.seek(position);
                    file.readFully(chunk);
                    position += chunk.length;
                    unscanned.append(new String(chunk, StandardCharsets.UTF_8));
                    if (unscanned.indexOf(needle) >= 0) {
                        return true;
                    }
                    // keep only the incomplete last line: the needle never spans lines
                    unscanned.delete(0, unscanned.lastIndexOf("\n") + 1);
                }
                return false;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + logFile, e);
            }
        }
    }

    private String tail(int lines) {
        if (!Files.exists(logFile)) {
            return "(no log file)";
        }
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            long from = Math.max(logStart, file.length() - 16 * 1024);
            byte[] bytes = new byte[(int) Math.max(0, file.length() - from)];
            file.seek(from);
            file.readFully(bytes);
            List<String> all = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            List<String> last = all.subList(Math.max(0, all.size() - lines), all.size());
            return last.isEmpty() ? "(nothing written)" : String.join("\n", last);
        } catch (IOException e) {
            return "(cannot read log: " + e + ")";
        }
    }

    private static String indent(String text) {
        return text.lines().map(line -> "    " + line).reduce((a, b) -> a + "\n" + b).orElse("");
    }

    private static String pretty(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static void stopAllOnJvmExit() {
        List<ManagedProcess> alive = List.copyOf(RUNNING);
        alive.forEach(p -> p.process.destroy());
        for (ManagedProcess p : alive) {
            p.stop(Duration.ofSeconds(10));
        }
    }
}
