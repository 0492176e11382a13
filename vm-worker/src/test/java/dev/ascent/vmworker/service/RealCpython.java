package dev.ascent.vmworker.service;

import static org.junit.jupiter.api.Assertions.fail;

import dev.ascent.vmworker.Arch;
import dev.ascent.vmworker.sandbox.Limits;
import dev.ascent.vmworker.sandbox.Sandbox;
import dev.ascent.vmworker.selection.TestMap;
import dev.ascent.vmworker.selection.TestSelection;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real CPython for the worker's tests: the source from {@code ASCENT_CPYTHON_SOURCE} or the one
 * {@code vm-worker/prepare-host} fetched into {@code .cache/cpython}; baselines built once into
 * {@code ASCENT_VM_WORKER_DIR} (default {@code .cache/vm-worker}) and reused by every later run. Without root,
 * bubblewrap or a source the tests are skipped, unless {@code ASCENT_VM_TESTS=required} (CI), where they fail.
 */
final class RealCpython {

    static final String BASE = "3.11";

    private RealCpython() {
    }

    static Path home() {
        String h = System.getProperty("ascent.home", System.getenv("ASCENT_HOME"));
        return Path.of(h == null ? ".." : h).toAbsolutePath().normalize();
    }

    static Optional<Path> source() {
        String configured = System.getenv("ASCENT_CPYTHON_SOURCE");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured));
        }
        Path cache = home().resolve(".cache/cpython");
        if (!Files.isDirectory(cache)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(cache)) {
            return s.filter(p -> p.getFileName().toString().matches("python3\\.11_.*\\.orig\\.tar\\.gz"))
                    .max(Comparator.naturalOrder());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path workerDir() {
        String configured = System.getenv("ASCENT_VM_WORKER_DIR");
        return configured != null && !configured.isBlank() ? Path.of(configured) : home().resolve(".cache/vm-worker");
    }

    /** Skips (or, where required, fails) the test when this machine cannot sandbox and build CPython. */
    static void assumeAvailable() {
        String missing = null;
        if (!"root".equals(System.getProperty("user.name"))) {
            missing = "the sandbox needs root (bubblewrap without user namespaces, setpriv, cgroups)";
        } else if (!Files.isExecutable(Path.of("/usr/bin/bwrap"))) {
            missing = "bubblewrap is not installed (vm-worker/prepare-host installs it)";
        } else if (source().isEmpty()) {
            missing = "no CPython source: run vm-worker/prepare-host, or set ASCENT_CPYTHON_SOURCE";
        }
        skipOrFail(missing);
    }

    /** Also skips (or fails) when the machine cannot cross-build for and emulate {@code arch}. */
    static void assumeEmulation(Arch arch) {
        assumeAvailable();
        String missing = null;
        if (!Files.exists(Path.of("/proc/sys/fs/binfmt_misc/qemu-" + arch.qemu()))) {
            missing = "qemu-" + arch.qemu() + " is not registered in binfmt_misc (vm-worker/cross-host " + arch.id()
                    + ")";
        } else if (!Files.isExecutable(Path.of("/usr/bin/" + arch.triplet() + "-gcc"))) {
            missing = "no cross compiler " + arch.triplet() + "-gcc (vm-worker/cross-host " + arch.id() + ")";
        }
        skipOrFail(missing);
    }

    /** Nothing when nothing is missing; otherwise skips, or fails where the tests are required. */
    private static void skipOrFail(String missing) {
        if (missing != null) {
            if ("required".equals(System.getenv("ASCENT_VM_TESTS"))) {
                fail("ASCENT_VM_TESTS=required, but " + missing);
            }
            Assumptions.abort(missing);
        }
    }

    static WorkerSettings settings(Arch arch, Limits limits) {
        return new WorkerSettings(workerDir(), Map.of(BASE, source().orElseThrow()), arch,
                Math.max(1, Runtime.getRuntime().availableProcessors()), limits, Duration.ofMinutes(10),
                "/usr/bin/bwrap", 65534, 65534);
    }

    static JobRunner runner(WorkerSettings settings) {
        Sandbox sandbox = new Sandbox(settings.bwrap(), settings.uid(), settings.gid());
        return new JobRunner(settings, sandbox, new BaselineStore(settings, sandbox),
                new TestSelection(TestMap.shipped()));
    }

    static byte[] patch(String name) {
        try (InputStream in = RealCpython.class.getResourceAsStream("/patches/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no patch fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
