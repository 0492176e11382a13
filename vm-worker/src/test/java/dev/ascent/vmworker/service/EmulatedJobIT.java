package dev.ascent.vmworker.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.ascent.proto.Times;
import dev.ascent.proto.vm.v1.JobStatus;
import dev.ascent.proto.vm.v1.TestJobCompleted;
import dev.ascent.proto.vm.v1.TestJobRequested;
import dev.ascent.proto.vm.v1.TestModuleResult;
import dev.ascent.proto.vm.v1.TestOutcome;
import dev.ascent.proto.vm.v1.TestScope;
import dev.ascent.vmworker.Arch;
import dev.ascent.vmworker.sandbox.Limits;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * One job on arm64 on this (amd64) machine: the baseline is cross-built with the machine's own build as the build
 * Python, and the patch's small selection runs under qemu-user, in the same sandbox.
 */
class EmulatedJobIT {

    @Test
    void anArm64JobRunsUnderQemuAndPasses() throws Exception {
        Arch arm64 = Arch.ARM64;
        RealCpython.assumeEmulation(arm64);
        WorkerSettings settings = RealCpython.settings(arm64, new Limits(4L << 30, 2048, Duration.ofMinutes(30)));
        JobRunner runner = RealCpython.runner(settings);
        TestJobRequested job = TestJobRequested.newBuilder().setJobId("python/cpython#1@fix/arm64")
                .setRunId("run-arm64").setRepository("python/cpython").setPrNumber(1).setBase(RealCpython.BASE)
                .setArch("arm64").setScope(TestScope.TEST_SCOPE_SELECTED)
                .setPatch(ByteString.copyFrom(RealCpython.patch("fix-with-test.patch"))).build();
        TestJobCompleted r = runner.run(job, 1, "test-worker-arm64", (stage, done, total, last) -> {
        }, () -> false);
        assertEquals(JobStatus.JOB_STATUS_PASSED, r.getStatus(), r.getDetail() + "\n" + r.getTestLogTail());
        assertTrue(r.getEmulated());
        assertEquals("arm64", r.getArch());
        TestModuleResult urlparse = r.getModulesList().stream().filter(m -> m.getName().equals("test_urlparse"))
                .findFirst().orElseThrow();
        assertEquals(TestOutcome.TEST_OUTCOME_PASSED, urlparse.getOutcome());
        // the tree really is arm64: its python is an aarch64 ELF
        byte[] elf = Files.readAllBytes(settings.dir().resolve("baselines/3.11-arm64/tree/python"));
        assertEquals(0xB7, elf[18] & 0xFF, "e_machine of the baseline's python is EM_AARCH64");
        System.out.printf("arm64 job under qemu-user: prepare %d ms, build %d ms, tests %d ms%n",
                Times.toDuration(r.getPrepareDuration()).toMillis(), Times.toDuration(r.getBuildDuration()).toMillis(),
                Times.toDuration(r.getTestDuration()).toMillis());
    }
}
