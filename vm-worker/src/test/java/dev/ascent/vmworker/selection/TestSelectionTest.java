package dev.ascent.vmworker.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ascent.proto.vm.v1.SelectionReason;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class TestSelectionTest {

    private static final TestMap MAP = TestMap.shipped();
    private static final Set<String> TREE = tree();

    private static Set<String> tree() {
        Set<String> t = new TreeSet<>(List.of("test_json", "test_re", "test_urlparse", "test_urllib", "test_urllib2",
                "test_os", "test_posix", "test_dict", "test_email", "test_importlib", "test_import", "test_math",
                "test_asyncio", "test_sqlite3", "test_concurrent_futures", "test_zipfile", "test_tarfile",
                "test_socket", "test_support", "test_unicode", "test_codecs", "test_format"));
        t.addAll(MAP.core());
        t.addAll(MAP.smoke());
        return t;
    }

    private static List<String> names(List<String> paths) {
        return new TestSelection(MAP).select(paths, TREE).names();
    }

    @Test
    void theIssuesExamplesSelectTheirModules() {
        List<String> smoke = MAP.smoke();
        assertEquals(concat(List.of("test_json"), smoke), names(List.of("Lib/json/decoder.py")));
        assertEquals(concat(List.of("test_json"), smoke), names(List.of("Modules/_json.c")));
        assertEquals(concat(List.of("test_zipfile"), smoke), names(List.of("Lib/test/test_zipfile.py")));
        assertEquals(concat(List.of("test_asyncio"), smoke), names(List.of("Lib/test/test_asyncio/test_tasks.py")));
        List<String> core = names(List.of("Python/ceval.c"));
        assertTrue(core.containsAll(MAP.core()), core.toString());
        assertEquals(names(List.of("Include/object.h")), core);
    }

    @Test
    void conventionsCoverModulesTheMapDoesNotName() {
        assertEquals("test_math", names(List.of("Modules/mathmodule.c")).get(0));
        assertEquals("test_os", names(List.of("Modules/posixmodule.c")).get(0));
        assertEquals("test_sqlite3", names(List.of("Modules/_sqlite/cursor.c")).get(0));
        assertEquals("test_tarfile", names(List.of("Lib/tarfile.py")).get(0));
        assertEquals("test_urlparse", names(List.of("Lib/urllib/parse.py")).get(0));
        assertEquals(List.of("test_dict"), names(List.of("Objects/dictobject.c")).subList(0, 1));
        assertTrue(names(List.of("Objects/dictobject.c")).containsAll(MAP.core()));
        assertEquals(List.of("test_unicode", "test_codecs", "test_format"),
                names(List.of("Objects/unicodeobject.c")).stream()
                        .filter(t -> List.of("test_unicode", "test_codecs", "test_format").contains(t)).toList());
    }

    @Test
    void everyTestIsSelectedOnceWithTheFirstPathThatChoseIt() {
        TestSelection.Selected s = new TestSelection(MAP).select(
                List.of("Lib/json/encoder.py", "Lib/test/test_json/test_dump.py", "Modules/_json.c"), TREE);
        List<SelectionReason> json = s.tests().stream().filter(r -> r.getTest().equals("test_json")).toList();
        assertEquals(1, json.size());
        assertEquals("Lib/json/encoder.py", json.get(0).getBecause());
        assertEquals("smoke", s.tests().get(s.tests().size() - 1).getBecause());
    }

    @Test
    void documentationSelectsOnlyTheSmokeSetAndUnknownPathsAreReported() {
        TestSelection.Selected docs = new TestSelection(MAP).select(
                List.of("Doc/library/json.rst", "Misc/NEWS.d/next/Library/2023-01-01.gh-1.rst"), TREE);
        assertEquals(MAP.smoke(), docs.names());
        assertEquals(List.of(), docs.unmapped());
        TestSelection.Selected odd = new TestSelection(MAP).select(List.of("Lib/nosuchmodule.py", "weird.txt"), TREE);
        assertEquals(List.of("Lib/nosuchmodule.py", "weird.txt"), odd.unmapped());
    }

    @Test
    void aTestModuleThePatchAddsRunsAndOneItDeletesDoesNot() {
        Set<String> patched = new TreeSet<>(TREE);
        patched.add("test_ascent_network");
        assertEquals("test_ascent_network",
                new TestSelection(MAP).select(List.of("Lib/test/test_ascent_network.py"), patched).names().get(0));
        assertEquals(MAP.smoke(), new TestSelection(MAP).select(List.of("Lib/test/test_gone.py"), TREE).names());
    }

    @Test
    void theShippedMapNamesOnlyWellFormedModulesAndBadMapsAreRefused() {
        MAP.prefixes().values().forEach(ts -> ts.forEach(t -> assertTrue(t.matches("test_\\w+|@core"), t)));
        assertThrows(IllegalArgumentException.class, () -> TestMap.parse("@smoke test_sys\nLib/x.py\n@core test_a"));
        assertThrows(IllegalArgumentException.class, () -> TestMap.parse("@smoke test_sys\nLib/x.py rm -rf\n@core x"));
        assertThrows(IllegalArgumentException.class, () -> TestMap.parse("Lib/x.py test_x"));
        assertThrows(IllegalArgumentException.class,
                () -> TestMap.parse("@smoke test_sys\n@core test_a\nLib/x.py test_x\nLib/x.py test_y"));
    }

    @Test
    void diffPathsReadGitAndPlainDiffsWithRenamesAndDeletions() {
        String diff = """
                diff --git a/Lib/json/decoder.py b/Lib/json/decoder.py
                index 1..2 100644
                --- a/Lib/json/decoder.py
                +++ b/Lib/json/decoder.py
                @@ -1 +1 @@
                -x
                +y
                diff --git a/Lib/old.py b/Lib/new.py
                similarity index 90%
                rename from Lib/old.py
                rename to Lib/new.py
                diff --git a/Lib/test/test_gone.py b/Lib/test/test_gone.py
                deleted file mode 100644
                --- a/Lib/test/test_gone.py
                +++ /dev/null
                @@ -1 +0,0 @@
                -pass
                """;
        assertEquals(List.of("Lib/json/decoder.py", "Lib/old.py", "Lib/new.py", "Lib/test/test_gone.py"),
                DiffPaths.of(diff));
        assertEquals(List.of("Modules/_json.c"),
                DiffPaths.of("--- a/Modules/_json.c\t2023-01-01\n+++ b/Modules/_json.c\t2023-01-02\n@@ -1 +1 @@\n"));
        assertEquals(List.of(), DiffPaths.of("not a diff at all"));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new java.util.ArrayList<>(a);
        b.stream().filter(t -> !out.contains(t)).forEach(out::add);
        return out;
    }
}
