package dev.ascent.vmworker.service;

import dev.ascent.vmworker.Arch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How a baseline is built for an architecture that is not the machine's, and what the machine needs for it (the
 * cross compiler, qemu-user in binfmt_misc, the target's libraries: {@code vm-worker/cross-host} installs them).
 *
 * <p>arm64 takes its libraries from Debian's multiarch packages, where the cross compiler finds them by itself.
 * riscv64 takes them from a private sysroot of Debian trixie's riscv64 packages (bookworm has no riscv64 port), and
 * uses that sysroot alone: Debian's cross gcc would otherwise search its own older glibc first (trixie's libssl needs
 * a newer one), and the binaries name the sysroot's loader and library folders, so they run under qemu-user without
 * {@code QEMU_LD_PREFIX} — which regrtest's children, started with a scrubbed environment, would not inherit.
 */
public final class CrossBuild {

    /** Where {@code vm-worker/cross-host riscv64} unpacks the riscv64 libraries; the built binaries load from it. */
    public static final Path RISCV64_SYSROOT = Path.of("/opt/ascent/sysroot-riscv64");

    private CrossBuild() {
    }

    /**
     * configure's arguments for building {@code target} on {@code machine}: none when they are the same; otherwise
     * host, build, the build Python (the machine's own build of the same base), the answers to the probes a cross
     * build cannot run, and where the target's libraries are.
     */
    public static List<String> configureArgs(Arch target, Arch machine, Path buildPython) {
        if (target == machine) {
            return List.of();
        }
        List<String> args = new ArrayList<>(List.of("--host=" + target.triplet(), "--build=" + machine.triplet(),
                "--with-build-python=" + buildPython,
                // probes a cross build cannot run; the answers are those of any Linux
                "ac_cv_buggy_getaddrinfo=no", "ac_cv_file__dev_ptmx=yes", "ac_cv_file__dev_ptc=no",
                "PKG_CONFIG=pkg-config"));
        if (target != Arch.RISCV64) {
            // the target's multiarch .pc files, not the machine's
            args.add("PKG_CONFIG_LIBDIR=/usr/lib/" + target.triplet() + "/pkgconfig:/usr/share/pkgconfig");
            return args;
        }
        String sr = RISCV64_SYSROOT.toString();
        String lib = sr + "/usr/lib/" + target.triplet();
        args.addAll(List.of(
                // the sysroot's headers, start files and libc before the cross compiler's own
                "CC=" + target.triplet() + "-gcc --sysroot=" + sr + " -isystem " + sr + "/usr/include/"
                        + target.triplet() + " -isystem " + sr + "/usr/include -B" + lib + "/ -L" + lib,
                // and at run time the sysroot's loader and libraries
                "LDFLAGS=-Wl,--dynamic-linker=" + sr + "/lib/ld-linux-riscv64-lp64d.so.1 -Wl,--disable-new-dtags"
                        + " -Wl,-rpath," + lib + " -Wl,-rpath," + sr + "/usr/lib",
                "PKG_CONFIG_LIBDIR=" + lib + "/pkgconfig:" + sr + "/usr/share/pkgconfig",
                "PKG_CONFIG_SYSROOT_DIR=" + sr,
                // without these pkg-config answers -I<sysroot>/usr/include for libffi; configure keeps it as
                // LIBFFI_INCLUDEDIR, setup.py finds no ffi.h there and links _ctypes without -lffi
                "PKG_CONFIG_SYSTEM_INCLUDE_PATH=" + sr + "/usr/include",
                "PKG_CONFIG_SYSTEM_LIBRARY_PATH=" + lib));
        return args;
    }

    /** What the machine lacks to build and run {@code target}'s trees, each with how to get it. */
    public static List<String> missing(Arch target, Arch machine) {
        List<String> missing = new ArrayList<>();
        if (target == machine) {
            return missing;
        }
        String fix = " (vm-worker/cross-host " + target.id() + ")";
        if (!Files.exists(Path.of("/proc/sys/fs/binfmt_misc/qemu-" + target.qemu()))) {
            missing.add("qemu-" + target.qemu() + " is not registered in binfmt_misc" + fix);
        }
        if (!Files.isExecutable(Path.of("/usr/bin/" + target.triplet() + "-gcc"))) {
            missing.add("no cross compiler " + target.triplet() + "-gcc" + fix);
        }
        if (target == Arch.RISCV64 && !Files.exists(RISCV64_SYSROOT.resolve(".prepared"))) {
            missing.add("no riscv64 libraries in " + RISCV64_SYSROOT + fix);
        }
        return missing;
    }

    /** The arguments as words of a POSIX shell command line, quoted where needed. */
    public static String shellWords(List<String> args) {
        return args.stream().map(CrossBuild::quote).collect(Collectors.joining(" "));
    }

    private static String quote(String s) {
        if (!s.isEmpty() && s.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-_=./:,+@%".indexOf(c) >= 0)) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
