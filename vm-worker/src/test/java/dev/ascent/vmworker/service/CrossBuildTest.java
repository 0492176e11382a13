package dev.ascent.vmworker.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ascent.vmworker.Arch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrossBuildTest {

    static final Path BUILD_PYTHON = Path.of("/var/lib/ascent-worker/baselines/3.11-amd64/tree/python");

    @Test
    void aNativeBuildHasNoArguments() {
        assertEquals(List.of(), CrossBuild.configureArgs(Arch.AMD64, Arch.AMD64, null));
        assertEquals(List.of(), CrossBuild.missing(Arch.AMD64, Arch.AMD64));
    }

    @Test
    void arm64TakesItsLibrariesFromMultiarch() {
        List<String> args = CrossBuild.configureArgs(Arch.ARM64, Arch.AMD64, BUILD_PYTHON);
        assertEquals(List.of("--host=aarch64-linux-gnu", "--build=x86_64-linux-gnu",
                "--with-build-python=" + BUILD_PYTHON, "ac_cv_buggy_getaddrinfo=no", "ac_cv_file__dev_ptmx=yes",
                "ac_cv_file__dev_ptc=no", "PKG_CONFIG=pkg-config",
                "PKG_CONFIG_LIBDIR=/usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig"), args);
    }

    @Test
    void riscv64UsesItsSysrootAloneAtBuildAndRunTime() {
        List<String> args = CrossBuild.configureArgs(Arch.RISCV64, Arch.AMD64, BUILD_PYTHON);
        String sr = "/opt/ascent/sysroot-riscv64";
        assertTrue(args.contains("--host=riscv64-linux-gnu"), args.toString());
        assertTrue(args.contains("CC=riscv64-linux-gnu-gcc --sysroot=" + sr + " -isystem " + sr
                + "/usr/include/riscv64-linux-gnu -isystem " + sr + "/usr/include -B" + sr
                + "/usr/lib/riscv64-linux-gnu/ -L" + sr + "/usr/lib/riscv64-linux-gnu"), args.toString());
        String ldflags = args.stream().filter(a -> a.startsWith("LDFLAGS=")).findFirst().orElseThrow();
        assertTrue(ldflags.contains("--dynamic-linker=" + sr + "/lib/ld-linux-riscv64-lp64d.so.1"), ldflags);
        assertTrue(ldflags.contains("-rpath," + sr + "/usr/lib/riscv64-linux-gnu"), ldflags);
        assertTrue(args.contains("PKG_CONFIG_SYSTEM_INCLUDE_PATH=" + sr + "/usr/include"), args.toString());
        assertTrue(args.stream().noneMatch(a -> a.contains("/usr/lib/riscv64-linux-gnu/pkgconfig:/usr/share")),
                "never the machine's own .pc files");
    }

    @Test
    void theShellReadsTheWordsBackAsTheyWere() throws Exception {
        List<String> args = new ArrayList<>(CrossBuild.configureArgs(Arch.RISCV64, Arch.AMD64, BUILD_PYTHON));
        args.addAll(List.of("it's", "", "a b", "$HOME", "`id`", "x;y", "plain=1,2:3"));
        assertEquals(args, shellSplit(CrossBuild.shellWords(args)));
    }

    static List<String> shellSplit(String words) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", "printf '%s\\0' " + words).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return Arrays.asList(out.split("\0", -1)).subList(0, out.split("\0", -1).length - 1);
    }
}
