package dev.ascent.vmworker.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads what {@code make} leaves unsaid: CPython's setup.py reports extension modules it could not compile
 * ("Failed to build these modules:", then their names in columns) yet make still exits 0, keeping the old module.
 */
final class BuildLog {

    private static final String FAILED = "Failed to build these modules:";

    private BuildLog() {
    }

    /** The extension modules the build says it failed to build, in the order listed. */
    static List<String> failedModules(String log) {
        List<String> out = new ArrayList<>();
        String[] lines = log.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].strip().equals(FAILED)) {
                for (int j = i + 1; j < lines.length && !lines[j].isBlank(); j++) {
                    Arrays.stream(lines[j].strip().split("\\s+")).filter(w -> !out.contains(w)).forEach(out::add);
                }
            }
        }
        return out;
    }
}
