package dev.ascent.vmworker.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The preparation against a model of cgroup v2's rules (this machine's kernel may be on v1): writing a pid to a
 * group's cgroup.procs moves the process there, and a group that holds processes cannot enable controllers for its
 * children (EBUSY), nor can one whose parent did not give them to it (ENOENT).
 */
class CgroupV2ParentTest {

    static final Path OWN = Path.of("/sys/fs/cgroup/system.slice/ascent-worker-amd64.service");

    /** The kernel's rules for the few files the preparation touches. */
    static final class Model implements CgroupV2Parent.CgroupFs {
        final Map<Path, Set<String>> procs = new HashMap<>();
        final Map<Path, String> subtree = new HashMap<>();
        final Set<String> available;
        final List<String> writes = new ArrayList<>();

        Model(Set<String> available, String... pids) {
            this.available = available;
            procs.put(OWN, new LinkedHashSet<>(List.of(pids)));
            subtree.put(OWN, "");
        }

        @Override
        public String read(Path file) throws IOException {
            Path group = file.getParent();
            return switch (file.getFileName().toString()) {
                case "cgroup.procs" -> String.join("\n", procs.getOrDefault(group, Set.of())) + "\n";
                case "cgroup.subtree_control" -> subtree.getOrDefault(group, "") + "\n";
                default -> throw new IOException("no such file " + file);
            };
        }

        @Override
        public void write(Path file, String value) throws IOException {
            writes.add(file.getFileName() + " " + value);
            Path group = file.getParent();
            switch (file.getFileName().toString()) {
                case "cgroup.procs" -> {
                    procs.values().forEach(p -> p.remove(value));
                    procs.computeIfAbsent(group, g -> new LinkedHashSet<>()).add(value);
                }
                case "cgroup.subtree_control" -> {
                    if (!procs.getOrDefault(group, Set.of()).isEmpty()) {
                        throw new IOException("Device or resource busy");
                    }
                    for (String c : value.split(" ")) {
                        if (!available.contains(c.substring(1))) {
                            throw new IOException("No such file or directory");
                        }
                    }
                    subtree.put(group, value.replace("+", ""));
                }
                default -> throw new IOException("no such file " + file);
            }
        }

        @Override
        public void mkdir(Path dir) {
            procs.putIfAbsent(dir, new LinkedHashSet<>());
        }
    }

    @Test
    void aGroupThatHoldsProcessesMovesThemToALeafAndThenHandsTheControllersDown() throws IOException {
        Model kernel = new Model(Set.of("memory", "pids", "cpu"), "101", "102");
        assertEquals(OWN, CgroupV2Parent.prepare(OWN, kernel));
        assertEquals(Set.of(), kernel.procs.get(OWN));
        assertEquals(Set.of("101", "102"), kernel.procs.get(OWN.resolve("ascent-worker")));
        assertEquals("memory pids", kernel.subtree.get(OWN));
    }

    @Test
    void aGroupWhoseChildrenHaveTheControllersAlreadyIsLeftAsItIs() throws IOException {
        Model kernel = new Model(Set.of("memory", "pids"));
        kernel.subtree.put(OWN, "cpu memory pids");
        assertEquals(OWN, CgroupV2Parent.prepare(OWN, kernel));
        assertEquals(List.of(), kernel.writes);
    }

    @Test
    void anEmptyGroupEnablesThemDirectly() throws IOException {
        Model kernel = new Model(Set.of("memory", "pids"));
        CgroupV2Parent.prepare(OWN, kernel);
        assertEquals(List.of("cgroup.subtree_control +memory +pids"), kernel.writes);
    }

    @Test
    void controllersNotDelegatedToTheGroupCannotBeHad() {
        Model kernel = new Model(Set.of("pids"), "101");
        IOException e = assertThrows(IOException.class, () -> CgroupV2Parent.prepare(OWN, kernel));
        assertTrue(e.getMessage().contains("cannot be enabled below " + OWN), e.getMessage());
    }
}
