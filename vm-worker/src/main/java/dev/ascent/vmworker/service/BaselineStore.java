package dev.ascent.vmworker.service;

import dev.ascent.vmworker.Arch;
import dev.ascent.vmworker.regrtest.BaselineResult;
import dev.ascent.vmworker.regrtest.ModuleResult;
import dev.ascent.vmworker.sandbox.Limits;
import dev.ascent.vmworker.sandbox.Sandbox;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The warm baselines of a worker: for each CPython base it serves, a tree configured and built in the sandbox for the
 * worker's architecture (cross-built when that is not the machine's, with the machine's own build of the same base as
 * the build Python), and the baseline's results of each test module run so far. Jobs copy the tree; the results are
 * what a patched run is compared with. Safe across processes sharing the folder (a file lock per baseline).
 */
public final class BaselineStore {

    /**
     * A built baseline: its tree, the regrtest modules it has, and the host folders its build needs in the sandbox
     * (a cross build's Makefile runs the build Python on every make).
     */
    public record Baseline(String base, Arch arch, Path dir, Path tree, Set<String> tests, List<Path> needs) {
    }

    private static final Logger LOG = Logger.getLogger(BaselineStore.class);
    private static final String READY = "READY";
    private static final String RESULTS = "results.tsv";
    /** The limits of a baseline's configure and make. */
    public static final Limits BUILD_LIMITS = new Limits(6L << 30, 4096, Duration.ofMinutes(120));

    private final WorkerSettings settings;
    private final Sandbox sandbox;
    private final Map<String, Baseline> built = new HashMap<>();

    public BaselineStore(WorkerSettings settings, Sandbox sandbox) {
        this.settings = settings;
        this.sandbox = sandbox;
    }

    /** The bases this worker serves. */
    public Set<String> bases() {
        return new TreeSet<>(settings.sources().keySet());
    }

    /** The built baseline of {@code base} for the worker's architecture; builds it first when needed. */
    public synchronized Baseline ensure(String base) throws IOException {
        return ensure(base, settings.arch());
    }

    private Baseline ensure(String base, Arch arch) throws IOException {
        String key = base + "-" + arch.id();
        Baseline b = built.get(key);
        if (b != null) {
            return b;
        }
        Path source = settings.sources().get(base);
        if (source == null) {
            throw new UnknownBaseException("this worker has no baseline '" + base + "' (it has " + bases() + ")");
        }
        Path dir = settings.dir().resolve("baselines").resolve(key);
        Files.createDirectories(dir);
        // a cross build needs the machine's own build of the same base as its build Python: first, outside the lock
        Baseline buildPython = arch == Arch.host() ? null : ensure(base, Arch.host());
        try (FileChannel ch = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = ch.lock()) {
            Path tree = dir.resolve("tree");
            if (!Files.exists(dir.resolve(READY))) {
                build(source, dir, tree, arch, buildPython);
            }
            b = new Baseline(base, arch, dir, tree, testModules(tree),
                    buildPython == null ? List.of() : List.of(buildPython.tree()));
            built.put(key, b);
            return b;
        }
    }

    /**
     * The baseline's results of the given modules; those not run on this baseline before are run now, in a copy of
     * its tree, and remembered (after telling {@code running} which). Modules the baseline does not have are left out.
     */
    public synchronized Map<String, BaselineResult> results(Baseline b, Collection<String> modules,
            Consumer<List<String>> running) throws IOException {
        try (FileChannel ch = FileChannel.open(b.dir().resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = ch.lock()) {
            Map<String, BaselineResult> known = readResults(b.dir().resolve(RESULTS));
            List<String> missing = modules.stream().filter(b.tests()::contains).filter(m -> !known.containsKey(m))
                    .distinct().toList();
            if (!missing.isEmpty()) {
                running.accept(missing);
                for (BaselineResult r : runOnBaseline(b, missing)) {
                    known.put(r.module(), r);
                    Files.writeString(b.dir().resolve(RESULTS), r.toLine() + "\n", StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                }
            }
            Map<String, BaselineResult> out = new LinkedHashMap<>();
            modules.stream().filter(known::containsKey).forEach(m -> out.put(m, known.get(m)));
            return out;
        }
    }

    /** The regrtest modules of a tree: Lib/test/test_*.py and the Lib/test/test_* packages. */
    public static Set<String> testModules(Path tree) throws IOException {
        Set<String> tests = new TreeSet<>();
        Path dir = tree.resolve("Lib/test");
        if (!Files.isDirectory(dir)) {
            return tests;
        }
        try (Stream<Path> s = Files.list(dir)) {
            s.forEach(p -> {
                String n = p.getFileName().toString();
                if (n.startsWith("test_") && n.endsWith(".py")) {
                    tests.add(n.substring(0, n.length() - 3));
                } else if (n.startsWith("test_") && Files.isRegularFile(p.resolve("__init__.py"))) {
                    tests.add(n);
                }
            });
        }
        return tests;
    }

    private void build(Path source, Path dir, Path tree, Arch arch, Baseline buildPython) throws IOException {
        Instant start = Instant.now();
        LOG.infof("building the %s baseline from %s (once; later jobs copy it)", arch.id(), source);
        Commands.run(null, List.of("rm", "-rf", tree.toString(), dir.resolve("out").toString(),
                dir.resolve(RESULTS).toString()));
        Files.createDirectories(tree);
        if (Files.isDirectory(source)) {
            Commands.run(null, List.of("cp", "-a", source + "/.", tree.toString()));
        } else {
            Commands.run(null, List.of("tar", "-xzf", source.toString(), "-C", tree.toString(),
                    "--strip-components=1"));
        }
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Commands.run(null, List.of("chown", "-R", settings.uid() + ":" + settings.gid(), tree.toString(),
                out.toString()));
        String configure = CrossBuild.shellWords(CrossBuild.configureArgs(arch, Arch.host(),
                buildPython == null ? null : buildPython.tree().resolve("python")));
        String script = "./configure " + configure + " && make -j" + settings.parallelism();
        Path log = dir.resolve("build.log");
        List<Path> readOnly = buildPython == null ? List.of() : List.of(buildPython.tree());
        Sandbox.Execution e = sandbox.run(tree, out, readOnly, List.of("sh", "-c", script), BUILD_LIMITS, log,
                l -> {
                }, () -> false);
        if (!e.succeeded()) {
            throw new IOException("the " + arch.id() + " baseline did not build (" + e.ending() + ", exit "
                    + e.exitCode() + "); see " + log + ":\n" + e.tail());
        }
        Files.writeString(dir.resolve(READY), "built " + Instant.now() + " in "
                + Duration.between(start, Instant.now()).toSeconds() + " s from " + source + " with ./configure "
                + configure + "\n");
        LOG.infof("%s baseline built in %d s", arch.id(), Duration.between(start, Instant.now()).toSeconds());
    }

    private List<BaselineResult> runOnBaseline(Baseline b, List<String> modules) throws IOException {
        LOG.infof("running %d test module(s) on the %s %s baseline: %s", modules.size(), b.base(), b.arch().id(),
                modules);
        try (TreeCopy copy = TreeCopy.of(b.tree(), b.dir().resolve("scratch"), settings)) {
            Regrtest.Run run = Regrtest.run(sandbox, settings, copy, b.needs(), modules, settings.limits(), p -> {
            }, () -> false);
            if (run.execution().ending() != Sandbox.Ending.EXITED) {
                throw new IOException("the baseline's tests did not finish (" + run.execution().reason() + ")");
            }
            List<BaselineResult> results = new ArrayList<>();
            for (String m : modules) {
                ModuleResult r = run.log().result(m).orElse(ModuleResult.notRun(m, "no result"));
                results.add(BaselineResult.of(r, run.junit()));
            }
            return results;
        }
    }

    private static Map<String, BaselineResult> readResults(Path file) throws IOException {
        Map<String, BaselineResult> m = new HashMap<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    BaselineResult r = BaselineResult.fromLine(line);
                    m.put(r.module(), r);
                }
            }
        }
        return m;
    }

    /** A job asked for a base this worker does not serve. */
    public static final class UnknownBaseException extends IOException {
        public UnknownBaseException(String message) {
            super(message);
        }
    }
}
