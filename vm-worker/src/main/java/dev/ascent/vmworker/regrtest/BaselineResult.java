package dev.ascent.vmworker.regrtest;

import dev.ascent.proto.vm.v1.TestOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How a test module fares on the unpatched baseline tree: its outcome and the test cases that fail there. Stored one
 * per line, tab-separated ({@link #toLine}), in the baseline's results file.
 */
public record BaselineResult(String module, TestOutcome outcome, Duration duration, Set<String> failingCases) {

    public BaselineResult {
        failingCases = Set.copyOf(failingCases);
    }

    /** The baseline result of one module from a run's log and JUnit report. */
    public static BaselineResult of(ModuleResult result, JunitReport junit) {
        Set<String> cases = new LinkedHashSet<>();
        junit.failures(result.name()).forEach(f -> cases.add(f.testCase()));
        Duration d = result.duration() != null ? result.duration() : junit.duration(result.name());
        return new BaselineResult(result.name(), result.outcome(), d == null ? Duration.ZERO : d, cases);
    }

    public boolean failing() {
        return ModuleResult.isFailing(outcome);
    }

    /** "module TAB OUTCOME TAB millis [TAB failing case]...". */
    public String toLine() {
        List<String> parts = new ArrayList<>(List.of(module, outcome.name(), Long.toString(duration.toMillis())));
        failingCases.stream().sorted().map(c -> c.replaceAll("[\\t\\r\\n]", " ")).forEach(parts::add);
        return String.join("\t", parts);
    }

    /** Reads a line written by {@link #toLine}. */
    public static BaselineResult fromLine(String line) {
        String[] p = line.split("\t");
        if (p.length < 3) {
            throw new IllegalArgumentException("not a baseline result line: " + line);
        }
        return new BaselineResult(p[0], TestOutcome.valueOf(p[1]), Duration.ofMillis(Long.parseLong(p[2])),
                new LinkedHashSet<>(Arrays.asList(p).subList(3, p.length)));
    }
}
