package dev.ascent.vmworker.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a worker on cgroup v2 makes its jobs' groups: its own group, once that hands the memory and pids controllers
 * down to its children. cgroup v2's "no internal processes" rule refuses that (EBUSY) while the group itself holds
 * processes — which it does in a container (the container's own group) and under systemd (the service's group). So
 * the worker first moves its group's processes into a leaf of their own, {@value #LEAF}, beside where the jobs' groups
 * will be, and then enables the controllers. Done once per worker process.
 */
final class CgroupV2Parent {

    /** The leaf the worker's own processes move to. */
    static final String LEAF = "ascent-worker";

    /** The few cgroupfs operations this needs; the kernel's files, or a model of them in tests. */
    interface CgroupFs {
        String read(Path file) throws IOException;

        void write(Path file, String value) throws IOException;

        void mkdir(Path dir) throws IOException;
    }

    /** The real cgroupfs. */
    static final CgroupFs KERNEL = new CgroupFs() {
        @Override
        public String read(Path file) throws IOException {
            return Files.readString(file, StandardCharsets.UTF_8);
        }

        @Override
        public void write(Path file, String value) throws IOException {
            Files.writeString(file, value, StandardCharsets.UTF_8);
        }

        @Override
        public void mkdir(Path dir) throws IOException {
            Files.createDirectories(dir);
        }
    };

    private CgroupV2Parent() {
    }

    /**
     * Makes {@code own} (this process's group) a parent whose children get the memory and pids controllers, moving
     * its processes into {@value #LEAF} when the kernel asks for it; returns {@code own}. Throws when the controllers
     * cannot be had at all (not delegated to this group).
     */
    static Path prepare(Path own, CgroupFs fs) throws IOException {
        Path control = own.resolve("cgroup.subtree_control");
        if (enabled(fs.read(control))) {
            return own;
        }
        try {
            fs.write(control, "+memory +pids");
            return own;
        } catch (IOException busy) {
            // the group holds processes: they go to a leaf of their own first
            Path leaf = own.resolve(LEAF);
            fs.mkdir(leaf);
            for (String pid : fs.read(own.resolve("cgroup.procs")).split("\n")) {
                if (!pid.isBlank()) {
                    try {
                        fs.write(leaf.resolve("cgroup.procs"), pid.strip());
                    } catch (IOException ended) {
                        // a process that ended in the meantime
                    }
                }
            }
            try {
                fs.write(control, "+memory +pids");
            } catch (IOException e) {
                e.addSuppressed(busy);
                throw new IOException("the memory and pids controllers cannot be enabled below " + own
                        + " even with its processes moved to " + LEAF + ": " + e.getMessage(), e);
            }
            return own;
        }
    }

    private static boolean enabled(String subtreeControl) {
        return subtreeControl.matches("(?s).*\\bmemory\\b.*") && subtreeControl.matches("(?s).*\\bpids\\b.*");
    }
}
