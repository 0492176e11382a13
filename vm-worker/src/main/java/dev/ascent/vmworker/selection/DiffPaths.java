package dev.ascent.vmworker.selection;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The paths a unified diff changes, as `git apply` sees them: both sides of a rename, never {@code /dev/null}. */
public final class DiffPaths {

    private DiffPaths() {
    }

    /** The changed paths, relative to the tree root, in the order the diff names them, each once. */
    public static List<String> of(String diff) {
        Set<String> paths = new LinkedHashSet<>();
        for (String line : diff.split("\n", -1)) {
            String l = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (l.startsWith("diff --git ")) {
                // "diff --git a/X b/Y": the paths have no spaces in CPython; split on " b/" for those that do
                String rest = l.substring("diff --git ".length());
                int split = rest.indexOf(" b/");
                if (rest.startsWith("a/") && split > 0) {
                    add(paths, rest.substring(2, split));
                    add(paths, rest.substring(split + 3));
                }
            } else if (l.startsWith("--- ") || l.startsWith("+++ ")) {
                add(paths, stripPrefix(l.substring(4)));
            } else if (l.startsWith("rename from ") || l.startsWith("rename to ")) {
                add(paths, l.substring(l.indexOf(' ', 7) + 1));
            }
        }
        return new ArrayList<>(paths);
    }

    private static String stripPrefix(String path) {
        String p = path;
        int tab = p.indexOf('\t');
        if (tab >= 0) {
            p = p.substring(0, tab);
        }
        p = p.strip();
        if (p.equals("/dev/null")) {
            return "";
        }
        if (p.startsWith("a/") || p.startsWith("b/")) {
            return p.substring(2);
        }
        return p;
    }

    private static void add(Set<String> paths, String path) {
        String p = path.strip();
        if (!p.isEmpty() && !p.equals("/dev/null") && !p.equals("dev/null")) {
            paths.add(p);
        }
    }
}
