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
import dev.ascent.vmworker.sandbox.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One job on each emulated architecture on this (amd64) machine: the baseline is cross-built with the machine's own
 * build as the build Python, and the patch's small selection runs under qemu-user, in the same sandbox. arm64 links
 * against Debian's multiarch libraries, riscv64 against its private trixie sysroot.
 */
class EmulatedJobIT {

    @ParameterizedTest
    @CsvSource({"ARM64, 0xB7, EM_AARCH64", "RISCV64, 0xF3, EM_RISCV"})
    void aJobRunsUnderQemuAndPasses(Arch arch, String machine, String machineName) throws Exception {
        RealCpython.assumeEmulation(arch);
        WorkerSettings settings = RealCpython.settings(arch, new Limits(4L << 30, 2048, Duration.ofMinutes(30)));
        JobRunner runner = RealCpython.runner(settings);
        TestJobRequested job = TestJobRequested.newBuilder().setJobId("python/cpython#1@fix/" + arch.id())
                .setRunId("run-" + arch.id()).setRepository("python/cpython").setPrNumber(1)
                .setBase(RealCpython.BASE).setArch(arch.id()).setScope(TestScope.TEST_SCOPE_SELECTED)
                .setPatch(ByteString.copyFrom(RealCpython.patch("fix-with-test.patch"))).build();
        TestJobCompleted r = runner.run(job, 1, "test-worker-" + arch.id(), (stage, done, total, last) -> {
        }, () -> false);
        assertEquals(JobStatus.JOB_STATUS_PASSED, r.getStatus(), r.getDetail() + "\n" + r.getTestLogTail());
        assertTrue(r.getEmulated());
        assertEquals(arch.id(), r.getArch());
        TestModuleResult urlparse = r.getModulesList().stream().filter(m -> m.getName().equals("test_urlparse"))
                .findFirst().orElseThrow();
        assertEquals(TestOutcome.TEST_OUTCOME_PASSED, urlparse.getOutcome());
        // the tree really is the target's: its python's ELF header names that machine
        byte[] elf = Files.readAllBytes(settings.dir().resolve("baselines/3.11-" + arch.id() + "/tree/python"));
        assertEquals(Integer.decode(machine), (elf[18] & 0xFF) | (elf[19] & 0xFF) << 8,
                "e_machine of the baseline's python is " + machineName);
        // the extension modules a cross build can lose without failing (setup.py links _ctypes without libffi when
        // pkg-config misleads it): imported in the baseline, as the sandbox's user, under qemu
        BaselineStore.Baseline b = new BaselineStore(settings, new Sandbox(settings.bwrap(), settings.uid(),
                settings.gid())).ensure(RealCpython.BASE);
        Path out = Files.createTempDirectory("emulated-imports");
        Sandbox.Execution imports = new Sandbox(settings.bwrap(), settings.uid(), settings.gid()).run(b.tree(), out,
                b.needs(), List.of("./python", "-B", "-c", "import ctypes, ssl, zlib, sqlite3, lzma, bz2, readline, "
                        + "_decimal, _uuid; ctypes.CDLL(None); print(ssl.OPENSSL_VERSION)"),
                new Limits(1L << 30, 256, Duration.ofMinutes(2)), out.resolve("imports.log"), l -> {
                }, () -> false);
        assertTrue(imports.succeeded(), imports.ending() + " " + imports.exitCode() + ": " + imports.tail());
        System.out.printf("%s job under qemu-user: prepare %d ms, build %d ms, tests %d ms%n", arch.id(),
                Times.toDuration(r.getPrepareDuration()).toMillis(), Times.toDuration(r.getBuildDuration()).toMillis(),
                Times.toDuration(r.getTestDuration()).toMillis());
    }
}
