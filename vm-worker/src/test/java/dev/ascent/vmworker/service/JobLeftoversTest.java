package dev.ascent.vmworker.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ascent.vmworker.Arch;
import dev.ascent.vmworker.sandbox.Limits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobLeftoversTest {

    @Test
    void aStartingWorkerRemovesWhatItsKilledRunLeftAndNothingOfOtherWorkers(@TempDir Path dir) throws Exception {
        WorkerSettings s = new WorkerSettings(dir, Map.of(), Arch.AMD64, 1,
                new Limits(1L << 30, 64, Duration.ofMinutes(1)), Duration.ofMinutes(1), "/usr/bin/bwrap", 65534,
                65534);
        Path mine = JobRunner.jobsOf(s, "host-amd64").resolve("python_cpython_1_amd64-1");
        Path other = JobRunner.jobsOf(s, "host-arm64").resolve("python_cpython_1_arm64-1");
        Files.createDirectories(mine.resolve("cpython/Lib"));
        Files.writeString(mine.resolve("cpython/Lib/os.py"), "left behind");
        Files.createDirectories(other);

        assertEquals(1, JobRunner.removeLeftovers(s, "host-amd64"));
        assertFalse(Files.exists(mine.getParent()));
        assertTrue(Files.isDirectory(other), "another worker's running job stays");
        assertEquals(0, JobRunner.removeLeftovers(s, "host-amd64"), "nothing left the second time");
    }
}
