package dev.ascent.patchrunner;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Serves diffs on loopback as GitHub does: {@code /OWNER/REPO/pull/N.diff} redirects to {@code /patch-diff/...},
 * which answers the diff; {@code /missing/...} answers 404.
 */
public final class DiffServer {

    private HttpServer server;

    /** The diff served for a pull request's path. */
    public static byte[] diffFor(String name) {
        return ("diff --git a/Lib/json/__init__.py b/Lib/json/__init__.py\n--- a/Lib/json/__init__.py\n"
                + "+++ b/Lib/json/__init__.py\n@@ -1 +1 @@\n-# " + name + "\n+# " + name + " changed\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Starts the server; returns its base URL. */
    public String start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::serve);
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void serve(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        if (path.startsWith("/patch-diff/")) {
            byte[] body = diffFor(path.substring("/patch-diff/".length()));
            x.sendResponseHeaders(200, body.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
        } else if (path.startsWith("/missing/")) {
            x.sendResponseHeaders(404, -1);
        } else {
            x.getResponseHeaders().add("Location", "/patch-diff" + path);
            x.sendResponseHeaders(302, -1);
        }
        x.close();
    }
}
