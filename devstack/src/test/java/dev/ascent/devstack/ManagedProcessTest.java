package dev.ascent.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Readiness waits, failure messages and the tree-wide stop of {@link ManagedProcess}, with small shell commands. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class ManagedProcessTest {

    @TempDir
    Path dir;

    @Test
    void waitForLogFailsWithTheExitCodeAndTheLogTailWhenTheProcessDies() throws Exception {
        try (ManagedProcess p = sh("echo starting; echo 'ERROR something broke' >&2; exit 3")) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> p.waitForLog("ready", Duration.ofSeconds(30)));
            assertTrue(e.getMessage().contains("exited with code 3"), e.getMessage());
            assertTrue(e.getMessage().contains("ERROR something broke"), e.getMessage());
            assertTrue(e.getMessage().contains("starting"), e.getMessage());
        }
    }

    @Test
    void waitForLogFailsAtTheDeadlineAndOnlyCountsThisProcessesOutput() throws Exception {
        Path log = dir.resolve("shared.log");
        Files.writeString(log, "ready (from an earlier run)\n");
        try (ManagedProcess p = ManagedProcess.start("quiet", List.of("sh", "-c", "echo waiting; exec sleep 60"),
                dir, Map.of(), log)) {
            p.waitForLog("waiting", Duration.ofSeconds(30));
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> p.waitForLog("ready", Duration.ofMillis(300)));
            assertTrue(e.getMessage().contains("did not log \"ready\" within 300 ms"), e.getMessage());
            assertTrue(p.isAlive());
        }
    }

    @Test
    void stopKillsTheWholeTreeIncludingChildrenOrphanedByTheParentsExit() throws Exception {
        ManagedProcess p = sh("sleep 300 & sleep 300 & echo started; wait");
        p.waitForLog("started", Duration.ofSeconds(30));
        List<ProcessHandle> tree = p.toHandle().descendants().toList();
        assertEquals(2, tree.size(), "two sleeping children");

        p.stop(Duration.ofMillis(500));

        assertFalse(p.isAlive());
        for (ProcessHandle child : tree) {
            assertFalse(child.isAlive(), "child " + child.pid() + " was killed");
        }
        p.stop(Duration.ofMillis(500)); // idempotent
    }

    @Test
    void waitForPortSeesAListeningProcess() throws Exception {
        int port = Infra.Ports.free().kafka();
        try (ManagedProcess p = ManagedProcess.start("listener", ManagedProcess.javaCommand(List.of(),
                System.getProperty("java.class.path"), Listen.class.getName(), List.of(Integer.toString(port))),
                dir, Map.of(), dir.resolve("listener.log"))) {
            p.waitForPort("127.0.0.1", port, Duration.ofSeconds(30));
        }
    }

    /** A process that listens on a port until killed. */
    public static final class Listen {
        public static void main(String[] args) throws Exception {
            try (var server = new java.net.ServerSocket(Integer.parseInt(args[0]), 1, java.net.InetAddress.getLoopbackAddress())) {
                while (true) {
                    server.accept().close();
                }
            }
        }
    }

    private ManagedProcess sh(String script) throws Exception {
        return ManagedProcess.start("sh", List.of("sh", "-c", script), dir, Map.of(), dir.resolve("sh.log"));
    }
}
