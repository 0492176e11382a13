package dev.ascent.devstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Fails fast, with a readable message, when a port a local service needs is taken. */
final class PortCheck {

    private PortCheck() {
    }

    /** Throws if nothing could listen on 127.0.0.1:{@code port} right now; port 0 always passes. */
    static void requireFree(int port, String purpose) throws IOException {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true); // as the servers do: a port in TIME_WAIT is usable
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new IOException("Port " + port + " on 127.0.0.1, wanted for " + purpose + ", is in use ("
                    + e.getMessage() + "). Is an earlier run still up? See: ss -ltnp 'sport = :" + port + "'", e);
        }
    }
}
