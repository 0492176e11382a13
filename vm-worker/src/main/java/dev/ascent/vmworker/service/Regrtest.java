package dev.ascent.vmworker.service;

import dev.ascent.vmworker.regrtest.JunitReport;
import dev.ascent.vmworker.regrtest.RegrtestLog;
import dev.ascent.vmworker.sandbox.Limits;
import dev.ascent.vmworker.sandbox.Sandbox;
import dev.ascent.vmworker.sandbox.SandboxCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/** One regrtest run in the sandbox on a tree copy: the command, its progress lines, and its JUnit XML read back. */
public final class Regrtest {

    /** How the run ended, what its progress lines said and what its JUnit XML holds. */
    public record Run(Sandbox.Execution execution, RegrtestLog log, JunitReport junit) {
    }

    private static final Logger LOG = Logger.getLogger(Regrtest.class);
    private static final String JUNIT = "junit.xml";

    private Regrtest() {
    }

    /**
     * Runs {@code modules} (all of them when empty) on the copy's tree; each finished module's progress goes to
     * {@code progress}.
     */
    public static Run run(Sandbox sandbox, WorkerSettings settings, TreeCopy copy, List<Path> needs, List<String> modules,
            Limits limits, Consumer<RegrtestLog.Progress> progress, BooleanSupplier cancelled) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("./python", "-m", "test", "-j" + settings.parallelism(),
                "--timeout", Long.toString(settings.testTimeout().toSeconds()),
                "--junit-xml", SandboxCommand.OUT + "/" + JUNIT));
        cmd.addAll(modules);
        RegrtestLog log = new RegrtestLog();
        Sandbox.Execution e = sandbox.run(copy.tree(), copy.out(), needs, cmd, limits,
                copy.dir().resolve("regrtest.log"), line -> log.accept(line).ifPresent(progress), cancelled);
        return new Run(e, log, readJunit(copy.out().resolve(JUNIT)));
    }

    /** JUnit XML if regrtest wrote a readable one; an empty report otherwise (killed, or nothing ran). */
    private static JunitReport readJunit(Path file) {
        try {
            return Files.exists(file) ? JunitReport.parse(Files.readAllBytes(file)) : JunitReport.empty();
        } catch (IOException | IllegalArgumentException e) {
            LOG.warnf("unreadable JUnit XML %s: %s", file, e.getMessage());
            return JunitReport.empty();
        }
    }
}
