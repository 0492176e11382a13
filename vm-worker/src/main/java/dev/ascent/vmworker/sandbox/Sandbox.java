package dev.ascent.vmworker.sandbox;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs a command on a job's tree inside the sandbox ({@link SandboxCommand}) under its limits ({@link ResourceGroup}),
 * streaming its output line by line, and stops it, with every process it started, when the wall clock runs out, a
 * limit is hit or the job is cancelled. Needs root (bubblewrap without user namespaces, setpriv, control groups).
 */
public final class Sandbox {

    /** How a sandboxed command ended. */
    public enum Ending {
        /** It exited by itself; see the exit code. */
        EXITED,
        /** The wall clock ran out. */
        TIMEOUT,
        /** A memory or process limit was hit. */
        KILLED,
        /** The job was cancelled. */
        CANCELLED
    }

    /** The outcome: how it ended, the exit code (-1 unless it exited), why it was stopped, time, output's tail. */
    public record Execution(Ending ending, int exitCode, String reason, Duration elapsed, String tail) {

        public boolean succeeded() {
            return ending == Ending.EXITED && exitCode == 0;
        }
    }

    private static final int TAIL_LINES = 80;
    private static final Duration CHECK_EVERY = Duration.ofMillis(250);

    private final String bwrap;
    private final int uid;
    private final int gid;

    /** A sandbox running commands as {@code uid:gid} (65534, nobody, by default) with the given bubblewrap. */
    public Sandbox(String bwrap, int uid, int gid) {
        this.bwrap = bwrap;
        this.uid = uid;
        this.gid = gid;
    }

    /**
     * Runs {@code command} with the tree at {@link SandboxCommand#TREE}, {@code out} at {@link SandboxCommand#OUT}
     * and {@code readOnly} host folders at their own paths ({@link SandboxCommand#argv}); its output goes to
     * {@code log} (appended) and, line by line, to {@code lines}. Blocks until it ends.
     */
    public Execution run(Path tree, Path out, List<Path> readOnly, List<String> command, Limits limits, Path log,
            Consumer<String> lines, BooleanSupplier cancelled) throws IOException {
        long start = System.nanoTime();
        try (ResourceGroup group = ResourceGroup.create("ascent-" + UUID.randomUUID(), limits)) {
            List<String> argv = new ArrayList<>(group.prefix());
            argv.addAll(SandboxCommand.argv(bwrap, tree, out, readOnly, uid, gid, command));
            ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            // nothing of the worker's environment reaches even bubblewrap
            pb.environment().clear();
            pb.environment().put("PATH", SandboxCommand.ENV.get("PATH"));
            Process p = pb.start();
            Deque<String> tail = new ArrayDeque<>();
            Thread reader = Thread.ofVirtual().name("sandbox-output").start(() -> pump(p, log, lines, tail));
            long deadline = start + limits.wallClock().toNanos();
            Ending ending = null;
            String reason = "";
            try {
                while (true) {
                    if (p.waitFor(CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS)) {
                        break;
                    }
                    Optional<String> hit = group.limitHit();
                    if (hit.isPresent()) {
                        ending = Ending.KILLED;
                        reason = hit.get();
                    } else if (System.nanoTime() > deadline) {
                        ending = Ending.TIMEOUT;
                        reason = "stopped after the wall-clock limit of " + limits.wallClock().toSeconds() + " s";
                    } else if (cancelled.getAsBoolean()) {
                        ending = Ending.CANCELLED;
                        reason = "cancelled";
                    }
                    if (ending != null) {
                        stop(p, group);
                        break;
                    }
                }
            } catch (InterruptedException e) {
                stop(p, group);
                Thread.currentThread().interrupt();
                ending = Ending.CANCELLED;
                reason = "the worker is stopping";
            }
            // the group may have been at its limit when the command ended by itself
            if (ending == null) {
                Optional<String> hit = group.limitHit();
                if (hit.isPresent()) {
                    ending = Ending.KILLED;
                    reason = hit.get();
                }
            }
            try {
                reader.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            int exit = ending == null ? p.exitValue() : -1;
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            synchronized (tail) {
                return new Execution(ending == null ? Ending.EXITED : ending, exit, reason, elapsed,
                        String.join("\n", tail));
            }
        }
    }

    private static void stop(Process p, ResourceGroup group) {
        // bubblewrap's PID namespace dies with its init; the group catches anything that got out of it
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        group.killAll();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pump(Process p, Path log, Consumer<String> lines, Deque<String> tail) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                BufferedWriter w = Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)) {
            String line;
            while ((line = r.readLine()) != null) {
                w.write(line);
                w.newLine();
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > TAIL_LINES) {
                        tail.removeFirst();
                    }
                }
                lines.accept(line);
            }
        } catch (IOException e) {
            // the process was killed while its output was being read: what was read is kept
        }
    }
}
