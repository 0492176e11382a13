package dev.ascent.vmworker;

import java.util.Arrays;
import java.util.Locale;

/** The architectures a worker can serve, with their GNU triplets and Debian names. */
public enum Arch {
    AMD64("amd64", "x86_64-linux-gnu", "x86_64"),
    ARM64("arm64", "aarch64-linux-gnu", "aarch64"),
    RISCV64("riscv64", "riscv64-linux-gnu", "riscv64");

    private final String id;
    private final String triplet;
    private final String qemu;

    Arch(String id, String triplet, String qemu) {
        this.id = id;
        this.triplet = triplet;
        this.qemu = qemu;
    }

    /** The name used in topics, jobs and results: amd64, arm64, riscv64 (Debian's and Kubernetes' names). */
    public String id() {
        return id;
    }

    /** The GNU triplet, for configure's --host and --build and the cross compiler's prefix. */
    public String triplet() {
        return triplet;
    }

    /** qemu-user's name for it ({@code qemu-aarch64-static}). */
    public String qemu() {
        return qemu;
    }

    /** By name: amd64, arm64, riscv64 (x86_64 and aarch64 are accepted too). */
    public static Arch of(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        for (Arch a : values()) {
            if (a.id.equals(n) || a.qemu.equals(n)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown architecture '" + name + "': one of "
                + Arrays.stream(values()).map(Arch::id).toList());
    }

    /** The architecture this JVM runs on. */
    public static Arch host() {
        return of(System.getProperty("os.arch"));
    }
}
