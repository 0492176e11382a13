package dev.ascent.vmworker.service;

import dev.ascent.vmworker.Arch;
import dev.ascent.vmworker.sandbox.Limits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What a worker needs to run jobs: its folder, the CPython sources of each baseline it serves, the architecture, the
 * parallelism of make and regrtest, the job's limits, regrtest's per-test timeout and the sandbox's user.
 */
public record WorkerSettings(Path dir, Map<String, Path> sources, Arch arch, int parallelism, Limits limits,
        Duration testTimeout, String bwrap, int uid, int gid) {

    public WorkerSettings {
        dir = dir.toAbsolutePath().normalize();
        sources = Map.copyOf(sources);
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1: " + parallelism);
        }
    }

    /** Whether this worker's architecture is not the machine's: it cross-builds and tests under qemu-user. */
    public boolean emulated() {
        return arch != Arch.host();
    }
}
