package dev.ascent.vmworker.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * A throwaway copy of a built tree, with an output folder the sandbox's user may write: {@code dir/cpython} and
 * {@code dir/out}. Closing it removes the folder.
 */
public record TreeCopy(Path dir, Path tree, Path out) implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TreeCopy.class);

    /** Copies {@code source} (a built tree, already owned by the sandbox's user) into a fresh {@code dir}. */
    public static TreeCopy of(Path source, Path dir, WorkerSettings settings) throws IOException {
        Commands.run(null, List.of("rm", "-rf", dir.toString()));
        TreeCopy c = new TreeCopy(dir, dir.resolve("cpython"), dir.resolve("out"));
        try {
            Files.createDirectories(c.out());
            Commands.run(null, List.of("cp", "-a", source.toString(), c.tree().toString()));
            Commands.run(null, List.of("chown", settings.uid() + ":" + settings.gid(), c.out().toString()));
            return c;
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            Commands.run(null, List.of("rm", "-rf", dir.toString()));
        } catch (IOException e) {
            LOG.warnf("%s not removed: %s", dir, e.getMessage());
        }
    }
}
