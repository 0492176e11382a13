package dev.ascent.vmworker.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The kernel's accounting for one sandboxed command: a control group (v1 memory and pids controllers, or v2) with the
 * memory and process limits, which every process of the command joins before bubblewrap starts. It tells whether a
 * limit was hit and kills every process in it, however deep. Where no control group can be made (not root, no
 * delegation) it falls back to rlimits on the command and says so.
 */
public abstract sealed class ResourceGroup implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ResourceGroup.class);
    private static final Path ROOT = Path.of("/sys/fs/cgroup");

    /** Makes a group named {@code name} with the limits; the best this machine offers. */
    public static ResourceGroup create(String name, Limits limits) {
        try {
            if (Files.exists(ROOT.resolve("cgroup.controllers"))) {
                return V2.make(name, limits);
            }
            if (Files.isDirectory(ROOT.resolve("memory")) && Files.isDirectory(ROOT.resolve("pids"))) {
                return V1.make(name, limits);
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warnf("no control group for the sandbox (%s): memory and process limits fall back to rlimits",
                    e.getMessage());
        }
        return new Rlimits(limits);
    }

    /** The words to put before the command so that it joins the group (or gets its limits) first. */
    public abstract List<String> prefix();

    /** Why the group's processes must be stopped, if a limit was hit; empty otherwise. */
    public abstract Optional<String> limitHit();

    /** Kills every process of the group, and waits until none is left. */
    public abstract void killAll();

    /** Kills what is left and removes the group. */
    @Override
    public abstract void close();

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    static void write(Path p, String value) throws IOException {
        Files.writeString(p, value, StandardCharsets.UTF_8);
    }

    static long counter(String text, String key) {
        Matcher m = Pattern.compile("(?m)^" + key + " (\\d+)$").matcher(text);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    /** The group's path of a controller in /proc/self/cgroup ("N:memory:/a/b" or "0::/a/b" for v2). */
    static String ownPath(String controller) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
            String[] p = line.split(":", 3);
            if (p.length == 3 && List.of(p[1].split(",")).contains(controller)) {
                return p[2];
            }
        }
        throw new IOException("this process is in no " + (controller.isEmpty() ? "v2" : controller) + " cgroup");
    }

    static void killPids(List<Path> procsFiles) {
        for (int round = 0; round < 50; round++) {
            List<Long> pids = new ArrayList<>();
            for (Path procs : procsFiles) {
                for (String l : read(procs).split("\n")) {
                    if (!l.isBlank()) {
                        pids.add(Long.parseLong(l.strip()));
                    }
                }
            }
            if (pids.isEmpty()) {
                return;
            }
            pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            // the kernel removes killed processes from the group asynchronously
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        LOG.warnf("processes still in %s after killing them repeatedly", procsFiles);
    }

    static void removeDir(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            LOG.warnf("control group %s not removed: %s", dir, e.getMessage());
        }
    }

    /** cgroup v1: one group in the memory hierarchy, one in the pids hierarchy. */
    static final class V1 extends ResourceGroup {
        private final Path memory;
        private final Path pids;
        private final Limits limits;

        private V1(Path memory, Path pids, Limits limits) {
            this.memory = memory;
            this.pids = pids;
            this.limits = limits;
        }

        static V1 make(String name, Limits limits) throws IOException {
            Path memory = ROOT.resolve("memory").resolve(ownPath("memory").substring(1)).resolve(name);
            Path pids = ROOT.resolve("pids").resolve(ownPath("pids").substring(1)).resolve(name);
            Files.createDirectories(memory);
            Files.createDirectories(pids);
            write(memory.resolve("memory.limit_in_bytes"), Long.toString(limits.memoryBytes()));
            if (Files.exists(memory.resolve("memory.memsw.limit_in_bytes"))) {
                // no escape into swap: memory+swap gets the same limit
                write(memory.resolve("memory.memsw.limit_in_bytes"), Long.toString(limits.memoryBytes()));
            }
            write(pids.resolve("pids.max"), Integer.toString(limits.maxProcesses()));
            return new V1(memory, pids, limits);
        }

        @Override
        public List<String> prefix() {
            return List.of("sh", "-c", "echo $$ > \"$1\" && echo $$ > \"$2\" && shift 2 && exec \"$@\"", "sh",
                    memory.resolve("cgroup.procs").toString(), pids.resolve("cgroup.procs").toString());
        }

        @Override
        public Optional<String> limitHit() {
            if (counter(read(memory.resolve("memory.oom_control")), "oom_kill") > 0) {
                return Optional.of("the memory limit of " + (limits.memoryBytes() >> 20) + " MiB was reached");
            }
            if (counter(read(pids.resolve("pids.events")), "max") > 0) {
                return Optional.of("the limit of " + limits.maxProcesses() + " processes and threads was reached");
            }
            return Optional.empty();
        }

        @Override
        public void killAll() {
            killPids(List.of(memory.resolve("cgroup.procs"), pids.resolve("cgroup.procs")));
        }

        @Override
        public void close() {
            killAll();
            removeDir(memory);
            removeDir(pids);
        }
    }

    /** cgroup v2: one group with the memory and pids controllers. */
    static final class V2 extends ResourceGroup {
        private final Path group;
        private final Limits limits;

        private V2(Path group, Limits limits) {
            this.group = group;
            this.limits = limits;
        }

        /** The group the jobs' groups are made in, once prepared (the worker's own may have moved below it). */
        private static Path parent;

        static synchronized Path parent() throws IOException {
            if (parent == null) {
                parent = CgroupV2Parent.prepare(ROOT.resolve(ownPath("").substring(1)), CgroupV2Parent.KERNEL);
            }
            return parent;
        }

        static V2 make(String name, Limits limits) throws IOException {
            Path group = parent().resolve(name);
            Files.createDirectories(group);
            write(group.resolve("memory.max"), Long.toString(limits.memoryBytes()));
            if (Files.exists(group.resolve("memory.swap.max"))) {
                write(group.resolve("memory.swap.max"), "0");
            }
            write(group.resolve("pids.max"), Integer.toString(limits.maxProcesses()));
            return new V2(group, limits);
        }

        @Override
        public List<String> prefix() {
            return List.of("sh", "-c", "echo $$ > \"$1\" && shift && exec \"$@\"", "sh",
                    group.resolve("cgroup.procs").toString());
        }

        @Override
        public Optional<String> limitHit() {
            if (counter(read(group.resolve("memory.events")), "oom_kill") > 0) {
                return Optional.of("the memory limit of " + (limits.memoryBytes() >> 20) + " MiB was reached");
            }
            if (counter(read(group.resolve("pids.events")), "max") > 0) {
                return Optional.of("the limit of " + limits.maxProcesses() + " processes and threads was reached");
            }
            return Optional.empty();
        }

        @Override
        public void killAll() {
            if (Files.exists(group.resolve("cgroup.kill"))) {
                try {
                    write(group.resolve("cgroup.kill"), "1");
                } catch (IOException e) {
                    LOG.debugf("cgroup.kill refused: %s", e.getMessage());
                }
            }
            killPids(List.of(group.resolve("cgroup.procs")));
        }

        @Override
        public void close() {
            killAll();
            removeDir(group);
        }
    }

    /** No control group: address-space and process-count rlimits (per user, so coarser), set by prlimit. */
    static final class Rlimits extends ResourceGroup {
        private final Limits limits;

        Rlimits(Limits limits) {
            this.limits = limits;
        }

        @Override
        public List<String> prefix() {
            return List.of("prlimit", "--as=" + limits.memoryBytes(), "--nproc=" + limits.maxProcesses(), "--");
        }

        @Override
        public Optional<String> limitHit() {
            return Optional.empty();
        }

        @Override
        public void killAll() {
            // the sandbox's PID namespace dies with its first process: killing bubblewrap ends them all
        }

        @Override
        public void close() {
        }
    }
}
