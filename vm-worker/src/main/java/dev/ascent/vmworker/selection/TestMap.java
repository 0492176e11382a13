package dev.ascent.vmworker.selection;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The documented mapping from changed paths to regrtest modules ({@code test-map.txt}): explicit path prefixes, the
 * smoke set and the core set. The conventions for paths no prefix names live in {@link TestSelection}.
 */
public record TestMap(List<String> smoke, List<String> core, Map<String, List<String>> prefixes) {

    /** The resource the worker ships. */
    public static final String RESOURCE = "/test-map.txt";

    public TestMap {
        smoke = List.copyOf(smoke);
        core = List.copyOf(core);
        prefixes = Map.copyOf(prefixes);
    }

    /** The mapping shipped with the worker. */
    public static TestMap shipped() {
        try (InputStream in = TestMap.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a mapping: "prefix test..." lines, "@smoke"/"@core" lines, "#" comments. */
    public static TestMap parse(String text) {
        List<String> smoke = null;
        List<String> core = null;
        Map<String, List<String>> prefixes = new LinkedHashMap<>();
        int n = 0;
        for (String raw : text.split("\n")) {
            n++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] words = line.split("\\s+");
            if (words.length < 2) {
                throw new IllegalArgumentException("line " + n + ": a path and at least one test (or -) are needed: "
                        + line);
            }
            List<String> tests = Arrays.asList(words).subList(1, words.length);
            for (String t : tests) {
                if (!t.equals("-") && !t.equals("@core") && !t.matches("test_\\w+")) {
                    throw new IllegalArgumentException("line " + n + ": not a test module name: " + t);
                }
            }
            switch (words[0]) {
                case "@smoke" -> smoke = List.copyOf(tests);
                case "@core" -> core = List.copyOf(tests);
                default -> {
                    if (prefixes.put(words[0], tests.equals(List.of("-")) ? List.of() : List.copyOf(tests)) != null) {
                        throw new IllegalArgumentException("line " + n + ": " + words[0] + " is mapped twice");
                    }
                }
            }
        }
        if (smoke == null || core == null) {
            throw new IllegalArgumentException("the mapping needs an @smoke and an @core line");
        }
        if (core.contains("@core")) {
            throw new IllegalArgumentException("@core cannot contain itself");
        }
        return new TestMap(smoke, core, prefixes);
    }

    /** The tests of the longest prefix matching a path ("@core" expanded), or null when no prefix matches. */
    public List<String> lookup(String path) {
        String best = null;
        for (String prefix : prefixes.keySet()) {
            if (path.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        if (best == null) {
            return null;
        }
        return expand(prefixes.get(best));
    }

    /** The tests with "@core" replaced by the core set. */
    public List<String> expand(List<String> tests) {
        List<String> out = new ArrayList<>();
        for (String t : tests) {
            if (t.equals("@core")) {
                out.addAll(core);
            } else {
                out.add(t);
            }
        }
        return out;
    }
}
