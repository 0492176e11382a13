package dev.ascent.devstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Finds ports that are free on the loopback interface, for tests that run the system beside anything else.
 *
 * <p>
 * The ports are taken below the kernel's range of ephemeral ports: a port the kernel handed out for "any free port"
 * can be handed out again, a moment later, as the local port of some outgoing connection (a Kafka or MongoDB client
 * starting up), and the service meant to listen on it would then find it taken.
 */
public final class FreePorts {

    /** Linux's default ephemeral range starts here; other systems start at 49152. */
    private static final int DEFAULT_EPHEMERAL_START = 32768;
    private static final int LOWEST = 10_000;

    private FreePorts() {
    }

    /** {@code n} distinct ports that were free on 127.0.0.1 a moment ago, none of them ephemeral. */
    public static int[] take(int n) {
        int high = ephemeralStart() - 1;
        List<ServerSocket> held = new ArrayList<>();
        try {
            InetAddress loopback = InetAddress.getLoopbackAddress();
            int[] ports = new int[n];
            int found = 0;
            for (int attempt = 0; found < n && attempt < 10_000; attempt++) {
                int candidate = ThreadLocalRandom.current().nextInt(LOWEST, high + 1);
                ServerSocket socket = new ServerSocket();
                try {
                    socket.setReuseAddress(true);
                    socket.bind(new InetSocketAddress(loopback, candidate), 1);
                    held.add(socket);
                    ports[found++] = candidate;
                } catch (IOException taken) {
                    socket.close();
                }
            }
            if (found < n) {
                throw new IllegalStateException("Cannot find " + n + " free ports between " + LOWEST + " and " + high);
            }
            return ports;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot find free ports: " + e.getMessage(), e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // nothing to release
                }
            }
        }
    }

    /** The first ephemeral port: Linux's {@code ip_local_port_range} when readable, else 32768. */
    static int ephemeralStart() {
        try {
            Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
            if (Files.isReadable(range)) {
                int start = Integer.parseInt(Files.readString(range).trim().split("\\s+")[0]);
                if (start > LOWEST + 1000) {
                    return start;
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through to the default
        }
        return DEFAULT_EPHEMERAL_START;
    }
}
