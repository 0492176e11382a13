package dev.ascent.vmworker.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The bubblewrap command line that runs untrusted code: new network (loopback only), PID, IPC and UTS namespaces; the
 * host's root read-only; private {@code /dev}, {@code /proc}, {@code /tmp} and {@code /dev/shm}; the job's tree and
 * output folder the only writable host paths, at fixed places; a scrubbed environment; and the command itself run as
 * an unprivileged user with no capabilities and no way to gain any. The tree is always seen at {@link #TREE}, the
 * path it was built at (some tests, test_pyexpat among them, need that).
 */
public final class SandboxCommand {

    /** Where the CPython tree is, inside the sandbox (and where it was configured and built). */
    public static final String TREE = "/tmp/job/cpython";
    /** Where the job's output folder is, inside the sandbox. */
    public static final String OUT = "/tmp/job/out";
    /** The environment inside: nothing else of the worker's leaks in. */
    public static final Map<String, String> ENV = Map.of(
            "PATH", "/usr/local/bin:/usr/bin:/bin",
            "HOME", "/tmp",
            "TMPDIR", "/tmp",
            "LANG", "C.UTF-8");

    private SandboxCommand() {
    }

    /**
     * The argv: bwrap's options, then setpriv dropping to {@code uid:gid}, then the command, run in the tree.
     * {@code readOnly} are host folders to show at their own paths even under {@code /tmp} (which the sandbox
     * replaces): a cross build's build Python.
     */
    public static List<String> argv(String bwrap, Path tree, Path out, List<Path> readOnly, int uid, int gid,
            List<String> command) {
        List<String> a = new ArrayList<>(List.of(bwrap,
                "--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--hostname", "sandbox",
                "--die-with-parent", "--new-session",
                "--ro-bind", "/", "/",
                "--dev", "/dev",
                "--proc", "/proc",
                "--perms", "1777", "--tmpfs", "/tmp",
                "--perms", "1777", "--tmpfs", "/dev/shm",
                "--perms", "0755", "--dir", "/tmp/job",
                "--bind", tree.toAbsolutePath().toString(), TREE,
                "--bind", out.toAbsolutePath().toString(), OUT));
        for (Path p : readOnly) {
            Path abs = p.toAbsolutePath().normalize();
            // under the sandbox's own /tmp the folders leading to it do not exist; bwrap would make them 0700,
            // closed to the unprivileged user
            for (int i = 1; i < abs.getNameCount(); i++) {
                Path parent = abs.getRoot().resolve(abs.subpath(0, i));
                if (parent.startsWith("/tmp") && !parent.equals(Path.of("/tmp"))) {
                    a.addAll(List.of("--perms", "0755", "--dir", parent.toString()));
                }
            }
            a.addAll(List.of("--ro-bind", abs.toString(), abs.toString()));
        }
        a.addAll(List.of("--chdir", TREE, "--clearenv"));
        ENV.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            a.add("--setenv");
            a.add(e.getKey());
            a.add(e.getValue());
        });
        a.addAll(List.of("setpriv", "--reuid", Integer.toString(uid), "--regid", Integer.toString(gid),
                "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs"));
        a.addAll(command);
        return a;
    }
}
