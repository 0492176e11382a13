package dev.ascent.devstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/** Where the project and the devstack build outputs are on this machine. */
public final class Locations {

    /** System property naming the project root. */
    public static final String HOME_PROPERTY = "ascent.home";
    /** Environment variable naming the project root, used when the system property is absent. */
    public static final String HOME_ENV = "ASCENT_HOME";

    private static final String MARKER = "devstack/pom.xml";

    private Locations() {
    }

    /**
     * The project root: system property {@value #HOME_PROPERTY}, else environment variable {@value #HOME_ENV},
     * else the nearest directory at or above the current one that contains {@code devstack/pom.xml}.
     */
    public static Path home() {
        Optional<String> configured = nonBlank(System.getProperty(HOME_PROPERTY))
                .or(() -> nonBlank(System.getenv(HOME_ENV)));
        if (configured.isPresent()) {
            Path home = Path.of(configured.get()).toAbsolutePath().normalize();
            if (!Files.isRegularFile(home.resolve(MARKER))) {
                throw new IllegalStateException("The project root " + home + " (from -D" + HOME_PROPERTY + " or $"
                        + HOME_ENV + ") does not contain " + MARKER);
            }
            return home;
        }
        Path start = Path.of("").toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(MARKER))) {
                return dir;
            }
        }
        throw new IllegalStateException("Cannot find the project root: no directory from " + start
                + " upwards contains " + MARKER + ". Run from inside the project, or set -D" + HOME_PROPERTY
                + "=<root> or $" + HOME_ENV + ".");
    }

    /**
     * The CPython source the local workers and the worker's tests build: {@code ASCENT_CPYTHON_SOURCE} (a tarball or a
     * checkout), else the newest {@code python3.11_*.orig.tar.gz} that {@code vm-worker/prepare-host} fetched into
     * {@code <home>/.cache/cpython}; empty when there is none.
     */
    public static Optional<Path> cpythonSource() {
        Optional<String> configured = nonBlank(System.getenv("ASCENT_CPYTHON_SOURCE"));
        if (configured.isPresent()) {
            return Optional.of(Path.of(configured.get()).toAbsolutePath().normalize());
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

    /** The CPython base that source is: Debian's python3.11 source package is 3.11. */
    public static final String CPYTHON_BASE = "3.11";

    /**
     * Where local workers and the worker's tests keep their warm baselines and job trees: {@code ASCENT_VM_WORKER_DIR},
     * else {@code <home>/.cache/vm-worker} (a baseline built once serves every later run).
     */
    public static Path vmWorkerDir() {
        return nonBlank(System.getenv("ASCENT_VM_WORKER_DIR")).map(Path::of).orElseGet(() -> home()
                .resolve(".cache/vm-worker")).toAbsolutePath().normalize();
    }

    /** The Kafka broker's jars, {@code <home>/devstack/target/kafka-libs}; fails with a build hint when absent. */
    public static Path kafkaLibs() {
        Path home = home();
        Path libs = home.resolve("devstack/target/kafka-libs");
        if (!containsJar(libs, "kafka_2.13-")) {
            throw new IllegalStateException("The Kafka broker jars are missing from " + libs
                    + ". Build them first: cd " + home + " && ./mvnw -DskipTests install"
                    + " (or ./mvnw -pl devstack -am -DskipTests install)");
        }
        return libs;
    }

    /**
     * A classpath for running this module's classes (such as {@link MongoMain}) in a child JVM:
     * {@code devstack/target/classes} (or the built devstack jar) plus {@code devstack/target/lib/*}.
     */
    public static String devstackClasspath() {
        Path home = home();
        Path target = home.resolve("devstack/target");
        Path lib = target.resolve("lib");
        Path code = Files.isRegularFile(target.resolve("classes/dev/ascent/devstack/MongoMain.class"))
                ? target.resolve("classes")
                : builtJar(target).orElse(null);
        if (code == null || !containsJar(lib, "")) {
            throw new IllegalStateException("The devstack build output is missing from " + target
                    + " (need classes/ or the jar, and lib/). Build it first: cd " + home
                    + " && ./mvnw -DskipTests install (or ./mvnw -pl devstack -am -DskipTests install)");
        }
        return code + File.pathSeparator + lib + File.separator + "*";
    }

    private static Optional<Path> builtJar(Path target) {
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> {
                String n = f.getFileName().toString();
                return n.startsWith("devstack-") && n.endsWith(".jar")
                        && !n.endsWith("-sources.jar") && !n.endsWith("-tests.jar") && !n.endsWith("-javadoc.jar");
            }).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean containsJar(Path dir, String prefix) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString())
                    .anyMatch(n -> n.startsWith(prefix) && n.endsWith(".jar"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }
}
