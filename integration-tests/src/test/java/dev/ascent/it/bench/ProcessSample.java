package dev.ascent.it.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and memory of a process, read from Linux's {@code /proc/<pid>/stat} and {@code /proc/<pid>/status}; all
 * zero where there is no such file (another OS, a process that has exited).
 *
 * @param cpuNanos user + system CPU time since the process started
 * @param rssBytes resident set size now
 * @param peakRssBytes the highest resident set size so far (VmHWM)
 */
record ProcessSample(long cpuNanos, long rssBytes, long peakRssBytes) {

    static final ProcessSample NONE = new ProcessSample(0, 0, 0);
    private static final long TICK_NANOS = 1_000_000_000L / clockTicksPerSecond();

    static ProcessSample of(long pid) {
        if (pid <= 0) {
            return NONE;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name is in parentheses and may hold spaces: count the fields after it (field 3 first)
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[14 - 3]) + Long.parseLong(f[15 - 3]);
            long rss = 0;
            long peak = 0;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = kilobytes(line);
                } else if (line.startsWith("VmHWM:")) {
                    peak = kilobytes(line);
                }
            }
            return new ProcessSample(ticks * TICK_NANOS, rss, peak);
        } catch (IOException | RuntimeException e) {
            return NONE;
        }
    }

    /** CPU time used since {@code earlier}; -1 when either could not be read (the process had exited). */
    long cpuSince(ProcessSample earlier) {
        return this == NONE || earlier == NONE ? -1 : cpuNanos - earlier.cpuNanos;
    }

    private static long kilobytes(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
    }

    private static long clockTicksPerSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            long hz = Long.parseLong(out);
            return hz > 0 ? hz : 100;
        } catch (IOException | RuntimeException e) {
            return 100; // USER_HZ on every common Linux
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
