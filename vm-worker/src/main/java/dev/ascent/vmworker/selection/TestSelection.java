package dev.ascent.vmworker.selection;

import dev.ascent.proto.vm.v1.SelectionReason;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chooses the regrtest modules a patch runs: for each changed path, the mapping's longest prefix or else the
 * conventions (see {@code test-map.txt}), kept only when the module exists in the patched tree; then the smoke set.
 */
public final class TestSelection {

    /**
     * The tests a patch runs, each with the first path that selected it, and the paths that selected nothing; or the
     * whole suite ({@code full}, with no names: regrtest then runs every test).
     */
    public record Selected(List<SelectionReason> tests, List<String> unmapped, boolean full) {

        public Selected {
            tests = List.copyOf(tests);
            unmapped = List.copyOf(unmapped);
        }

        /** The module names, in order. */
        public List<String> names() {
            return tests.stream().map(SelectionReason::getTest).toList();
        }
    }

    private static final Pattern TEST_FILE = Pattern.compile("Lib/test/(test_\\w+)(\\.py|/.*)");
    private static final Pattern LIB_MODULE = Pattern.compile("Lib/(\\w+)(\\.py|/.*)");
    private static final Pattern LIB_SUBMODULE = Pattern.compile("Lib/(\\w+)/(\\w+)\\.py");
    private static final Pattern C_MODULE = Pattern.compile("Modules/_?(\\w+?)(module)?(\\.c|/.*)");
    private static final Pattern OBJECT = Pattern.compile("Objects/(\\w+)object\\.c");
    private static final Pattern CORE = Pattern.compile("(Objects|Python|Include|Parser)/.*");

    private final TestMap map;

    public TestSelection(TestMap map) {
        this.map = map;
    }

    /**
     * The selection for the changed paths. {@code available} are the regrtest modules of the patched tree (so a test
     * module the patch adds is there, one it deletes is not).
     */
    public Selected select(List<String> changedPaths, Set<String> available) {
        Map<String, String> chosen = new LinkedHashMap<>();
        List<String> unmapped = new ArrayList<>();
        for (String path : changedPaths) {
            List<String> explicit = map.lookup(path);
            List<String> candidates = explicit != null ? explicit : conventions(path, available);
            boolean any = false;
            for (String test : candidates) {
                if (available.contains(test)) {
                    chosen.putIfAbsent(test, path);
                    any = true;
                }
            }
            // a prefix mapped to "-" (docs, tooling) selects nothing on purpose
            if (!any && !(explicit != null && explicit.isEmpty())) {
                unmapped.add(path);
            }
        }
        for (String test : map.smoke()) {
            if (available.contains(test)) {
                chosen.putIfAbsent(test, "smoke");
            }
        }
        List<SelectionReason> tests = new ArrayList<>();
        chosen.forEach((test, because) -> tests.add(SelectionReason.newBuilder().setTest(test).setBecause(because)
                .build()));
        return new Selected(tests, unmapped, false);
    }

    /** The whole suite. */
    public static Selected full() {
        return new Selected(List.of(), List.of(), true);
    }

    private List<String> conventions(String path, Set<String> available) {
        Matcher m = TEST_FILE.matcher(path);
        if (m.matches()) {
            return List.of(m.group(1));
        }
        m = LIB_SUBMODULE.matcher(path);
        if (m.matches() && available.contains("test_" + m.group(1) + "_" + m.group(2))) {
            return List.of("test_" + m.group(1) + "_" + m.group(2));
        }
        m = LIB_MODULE.matcher(path);
        if (m.matches() && !path.startsWith("Lib/test/")) {
            return List.of("test_" + m.group(1));
        }
        m = OBJECT.matcher(path);
        if (m.matches()) {
            List<String> tests = new ArrayList<>();
            tests.add("test_" + m.group(1));
            tests.addAll(map.core());
            return tests;
        }
        if (CORE.matcher(path).matches()) {
            return map.core();
        }
        m = C_MODULE.matcher(path);
        if (m.matches()) {
            return List.of("test_" + m.group(1));
        }
        return List.of();
    }
}
