package dev.ascent.vmworker.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SandboxCommandTest {

    @Test
    void untrustedCodeGetsNoNetworkAReadOnlyRootAndNoPrivileges() {
        List<String> a = SandboxCommand.argv("bwrap", Path.of("/w/jobs/1/cpython"), Path.of("/w/jobs/1/out"),
                List.of(Path.of("/tmp/w/baselines/3.11-amd64/tree")), 65534, 65534, List.of("make", "-j2"));
        assertEquals("bwrap", a.get(0));
        for (String flag : List.of("--unshare-net", "--unshare-pid", "--unshare-ipc", "--die-with-parent",
                "--new-session", "--clearenv", "--no-new-privs", "--clear-groups", "--inh-caps=-all",
                "--bounding-set=-all")) {
            assertTrue(a.contains(flag), flag);
        }
        int ro = a.indexOf("--ro-bind");
        assertEquals(List.of("/", "/"), a.subList(ro + 1, ro + 3));
        // a build Python under the host's /tmp is shown read-only at its path, after the sandbox's own /tmp
        int python = a.lastIndexOf("--ro-bind");
        assertEquals(List.of("/tmp/w/baselines/3.11-amd64/tree", "/tmp/w/baselines/3.11-amd64/tree"),
                a.subList(python + 1, python + 3));
        assertTrue(python > a.indexOf("/tmp/job"));
        int w = a.indexOf("/tmp/w");
        assertEquals(List.of("--perms", "0755", "--dir"), a.subList(w - 3, w), "its folders open to nobody");
        // the only writable host paths are the job's, bound after the read-only root
        assertEquals(2, Collections.frequency(a, "--bind"));
        int tree = a.indexOf("/w/jobs/1/cpython");
        assertTrue(tree > ro);
        assertEquals(SandboxCommand.TREE, a.get(tree + 1));
        assertEquals(List.of("--reuid", "65534", "--regid", "65534"),
                a.subList(a.indexOf("setpriv") + 1, a.indexOf("setpriv") + 5));
        assertEquals(List.of("make", "-j2"), a.subList(a.size() - 2, a.size()));
        assertEquals(SandboxCommand.ENV.size(), Collections.frequency(a, "--setenv"));
    }

    @Test
    void limitsThatCannotWorkAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Limits(1 << 20, 512, Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> new Limits(1L << 30, 2, Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> new Limits(1L << 30, 512, Duration.ZERO));
    }
}
