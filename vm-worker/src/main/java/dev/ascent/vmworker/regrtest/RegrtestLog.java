package dev.ascent.vmworker.regrtest;

import dev.ascent.proto.vm.v1.TestOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads regrtest's progress lines ({@code 0:00:02 load avg: 3.92 [ 2/18/1] test_json failed (1 error)}): which module
 * finished, how, and (for those over 30 s, which regrtest times) how long it took. Lines that are not progress lines
 * are ignored, so the same reader works on a stream, line by line, and on a whole log.
 */
public final class RegrtestLog {

    private static final Pattern PROGRESS = Pattern.compile(
            "^(?:\\d+:\\d\\d:\\d\\d )?(?:load avg: [\\d.]+ )?\\[\\s*(\\d+)/(\\d+)(?:/\\d+)?\\] (test_\\w+) "
                    + "(passed|failed|crashed|skipped|ran no tests|timed out|interrupted|finished)(.*)$");
    private static final Pattern DURATION = Pattern.compile(
            "\\(((?:\\d+ hour ?)?(?:\\d+ min ?)?(?:[\\d.]+ sec)?|\\d+ ms)\\)");

    private final Map<String, ModuleResult> results = new LinkedHashMap<>();
    private int total;

    /** One progress line read: the module's result, and k of n. */
    public record Progress(ModuleResult result, int done, int total) {
    }

    /** Reads one line; returns the progress it reports, if it is a progress line. */
    public Optional<Progress> accept(String line) {
        Matcher m = PROGRESS.matcher(line.stripTrailing());
        if (!m.matches()) {
            return Optional.empty();
        }
        int done = Integer.parseInt(m.group(1));
        total = Integer.parseInt(m.group(2));
        String rest = m.group(5);
        int running = rest.indexOf(" -- running:");
        if (running >= 0) {
            rest = rest.substring(0, running);
        }
        String detail = (m.group(4) + rest).strip();
        TestOutcome outcome = outcome(m.group(4), rest);
        Duration duration = null;
        Matcher d = DURATION.matcher(rest);
        while (d.find()) {
            Duration parsed = parseDuration(d.group(1));
            if (parsed != null) {
                duration = parsed;
            }
        }
        ModuleResult result = new ModuleResult(m.group(3), outcome, detail, duration);
        results.put(result.name(), result);
        return Optional.of(new Progress(result, done, total));
    }

    /** Reads a whole log. */
    public static RegrtestLog parse(String log) {
        RegrtestLog r = new RegrtestLog();
        for (String line : log.split("\n")) {
            r.accept(line);
        }
        return r;
    }

    /** The modules reported so far, in the order they finished. */
    public List<ModuleResult> results() {
        return new ArrayList<>(results.values());
    }

    /** The module's result, if reported. */
    public Optional<ModuleResult> result(String module) {
        return Optional.ofNullable(results.get(module));
    }

    /** The number of modules regrtest said it would run (0 before the first progress line). */
    public int total() {
        return total;
    }

    private static TestOutcome outcome(String word, String rest) {
        return switch (word) {
            case "passed", "finished" -> TestOutcome.TEST_OUTCOME_PASSED;
            case "failed" -> rest.startsWith(" (env changed)") ? TestOutcome.TEST_OUTCOME_ENV_CHANGED
                    : TestOutcome.TEST_OUTCOME_FAILED;
            case "crashed" -> TestOutcome.TEST_OUTCOME_CRASHED;
            case "skipped" -> TestOutcome.TEST_OUTCOME_SKIPPED;
            case "ran no tests" -> TestOutcome.TEST_OUTCOME_NO_TESTS;
            case "timed out" -> TestOutcome.TEST_OUTCOME_TIMED_OUT;
            default -> TestOutcome.TEST_OUTCOME_NOT_RUN;
        };
    }

    /** regrtest's format_duration read back: "1 hour 2 min", "2 min 1 sec", "1.5 sec", "350 ms". */
    static Duration parseDuration(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return null;
        }
        if (t.endsWith(" ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 3).strip()));
        }
        double seconds = 0;
        Matcher m = Pattern.compile("([\\d.]+) (hour|min|sec)").matcher(t);
        boolean any = false;
        while (m.find()) {
            any = true;
            double v = Double.parseDouble(m.group(1));
            seconds += switch (m.group(2)) {
                case "hour" -> v * 3600;
                case "min" -> v * 60;
                default -> v;
            };
        }
        return any ? Duration.ofMillis(Math.round(seconds * 1000)) : null;
    }
}
