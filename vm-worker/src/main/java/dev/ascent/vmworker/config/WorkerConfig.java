package dev.ascent.vmworker.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** The worker's settings ({@code ascent.worker.*}; vm-worker/README.md lists their environment variables). */
@ConfigMapping(prefix = "ascent.worker")
public interface WorkerConfig {

    /** The architecture this worker serves: amd64, arm64 or riscv64. */
    String arch();

    /** The worker's name in progress and results; the host name and the architecture when unset. */
    Optional<String> name();

    /** Where baselines are built and jobs run. */
    String dir();

    /**
     * The CPython source of each baseline: {@code base=path} entries, comma-separated; a path is a source tarball or a
     * checkout, e.g. {@code 3.11=/srv/cpython/python3.11_3.11.2.orig.tar.gz}.
     */
    Optional<String> sources();

    /** Bases whose trees are built at start rather than by their first job; all configured ones when unset. */
    Optional<String> warmBases();

    /** make -j and regrtest -j; the machine's processors when unset. */
    OptionalInt parallelism();

    /** The memory a job's sandbox may use, its children included. */
    @WithDefault("4G")
    MemorySize memory();

    /** Processes and threads in a job's sandbox. */
    @WithDefault("1024")
    int maxProcesses();

    /** A job's wall clock: its build and its tests. */
    @WithDefault("PT30M")
    Duration wallClock();

    /** regrtest's --timeout for one test. */
    @WithDefault("PT10M")
    Duration testTimeout();

    @WithDefault("/usr/bin/bwrap")
    String bwrap();

    /** The sandbox's user and group (nobody). */
    @WithDefault("65534")
    int uid();

    @WithDefault("65534")
    int gid();

    /** How often a running job asks patch-runner whether to go on. */
    @WithDefault("PT5S")
    Duration heartbeatEvery();

    /** The job topic; {@code vm.jobs.<arch>} when unset. */
    Optional<String> jobTopic();

    @WithDefault("vm.progress.v1")
    String progressTopic();

    @WithDefault("vm.results.v1")
    String resultsTopic();

    /** The consumer group of this architecture's workers; {@code vm-worker-<arch>} when unset. */
    Optional<String> group();

    /** How long the group waits for a silent worker before its partitions go to another. */
    @WithDefault("PT15S")
    Duration sessionTimeout();
}
