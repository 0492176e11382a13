package dev.ascent.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void portsAreDistinctFreeAndOutsideTheEphemeralRange() throws IOException {
        int[] ports = FreePorts.take(12);
        assertEquals(12, Arrays.stream(ports).distinct().count());
        for (int port : ports) {
            assertTrue(port >= 10_000 && port < FreePorts.ephemeralStart(), "port " + port);
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            }
        }
    }
}
