package dev.ascent.vmworker.service;

import static org.junit.jupiter.api.Assertions.fail;

import dev.ascent.devstack.Locations;
import dev.ascent.vmworker.Arch;
import dev.ascent.vmworker.sandbox.Limits;
import dev.ascent.vmworker.sandbox.Sandbox;
import dev.ascent.vmworker.selection.TestMap;
import dev.ascent.vmworker.selection.TestSelection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * A real CPython for the worker's tests: the source from {@code ASCENT_CPYTHON_SOURCE} or the one
 * {@code vm-worker/prepare-host} fetched into {@code .cache/cpython}; baselines built once into
 * {@code ASCENT_VM_WORKER_DIR} (default {@code .cache/vm-worker}) and reused by every later run. Without root,
 * bubblewrap or a source the tests are skipped, unless {@code ASCENT_VM_TESTS=required} (CI), where they fail.
 */
final class RealCpython {

    static final String BASE = Locations.CPYTHON_BASE;

    private RealCpython() {
    }

    static Optional<Path> source() {
        return Locations.cpythonSource();
    }

    static Path workerDir() {
        return Locations.vmWorkerDir();
    }

    /** Skips (or, where required, fails) the test when this machine cannot sandbox and build CPython. */
    static void assumeAvailable() {
        assumeWorker(Arch.host());
    }

    /** Also skips (or fails) when the machine cannot cross-build for and emulate {@code arch}. */
    static void assumeEmulation(Arch arch) {
        assumeWorker(arch);
    }

    /** What a worker of {@code arch} checks at its start, judged here. */
    private static void assumeWorker(Arch arch) {
        Map<String, Path> sources = source().map(p -> Map.of(BASE, p)).orElse(Map.of());
        WorkerSettings s = new WorkerSettings(workerDir(), sources, arch, 1,
                new Limits(1L << 30, 64, Duration.ofMinutes(1)), Duration.ofMinutes(1), "/usr/bin/bwrap", 65534, 65534);
        List<String> missing = WorkerPrerequisites.missing(s, "root".equals(System.getProperty("user.name")));
        skipOrFail(missing.isEmpty() ? null : String.join("; ", missing));
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
