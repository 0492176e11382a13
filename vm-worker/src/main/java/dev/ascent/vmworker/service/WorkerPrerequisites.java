package dev.ascent.vmworker.service;

import dev.ascent.vmworker.Arch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What this machine lacks to run a worker's jobs: root (for the sandbox's namespaces, cgroups and user switch),
 * bubblewrap, each configured CPython source, and for a foreign architecture what {@link CrossBuild} needs. {@code vm-worker/prepare-host} and {@code vm-worker/cross-host} install them.
 */
public final class WorkerPrerequisites {

    private WorkerPrerequisites() {
    }

    /** The missing things, each in one sentence with how to get it; empty when the worker can run. */
    public static List<String> missing(WorkerSettings s, boolean root) {
        List<String> missing = new ArrayList<>();
        if (!root) {
            missing.add("the sandbox needs root (namespaces without user namespaces, cgroups, setpriv)");
        }
        if (!Files.isExecutable(Path.of(s.bwrap()))) {
            missing.add("bubblewrap is not at " + s.bwrap() + " (vm-worker/prepare-host installs it)");
        }
        if (s.sources().isEmpty()) {
            missing.add("no CPython source is configured (ASCENT_WORKER_SOURCES, e.g. 3.11=/path/to/source.tar.gz; "
                    + "vm-worker/prepare-host fetches Debian's)");
        }
        s.sources().forEach((base, path) -> {
            if (!Files.exists(path)) {
                missing.add("the source of base " + base + " is missing: " + path);
            }
        });
        missing.addAll(CrossBuild.missing(s.arch(), Arch.host()));
        return missing;
    }
}
