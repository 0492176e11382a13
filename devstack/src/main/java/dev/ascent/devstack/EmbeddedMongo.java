package dev.ascent.devstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/** A MongoDB wire-protocol server (mongo-java-server) on loopback, backed by an H2 file or by memory. */
public final class EmbeddedMongo implements AutoCloseable {

    private static final String HOST = "127.0.0.1";

    private final int port;
    private final Path file;

    private MongoBackend backend;
    private MongoServer server;
    private int boundPort;

    /**
     * @param port the port to bind on 127.0.0.1; 0 picks a free one
     * @param file the H2 file holding the data (survives restarts), or {@code null} for an in-memory backend
     */
    public EmbeddedMongo(int port, Path file) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Not a port: " + port);
        }
        this.port = port;
        this.file = file == null ? null : file.toAbsolutePath().normalize();
    }

    /** Opens the backend and starts listening. */
    public synchronized void start() throws IOException {
        if (server != null) {
            throw new IllegalStateException("Already listening on " + connectionString());
        }
        // Checked first: a failed bind leaves a mongo-java-server thread running, which keeps the JVM alive.
        PortCheck.requireFree(port, "the MongoDB stand-in");
        MongoBackend opened;
        if (file == null) {
            opened = new MemoryBackend();
        } else {
            Files.createDirectories(file.getParent());
            opened = new H2Backend(file.toString());
        }
        MongoServer listening = new MongoServer(opened);
        try {
            listening.bind(HOST, port);
        } catch (RuntimeException e) {
            closeIfOpen(opened); // a failed bind already shut the server down
            throw new IOException("Cannot listen on " + HOST + ":" + port + " for the MongoDB stand-in: " + e.getMessage(), e);
        }
        InetSocketAddress address = listening.getLocalAddress();
        backend = opened;
        server = listening;
        boundPort = address.getPort();
    }

    /** {@code mongodb://127.0.0.1:<port>}, the port actually bound once started. */
    public synchronized String connectionString() {
        return "mongodb://" + HOST + ":" + port();
    }

    /** The bound port once started, else the configured one. */
    public synchronized int port() {
        return server != null ? boundPort : port;
    }

    /** The H2 file, or {@code null} when in memory. */
    public Path file() {
        return file;
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Closes client connections, stops listening and closes the backend, so H2 writes everything to the file. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.shutdownNow(); // also closes the backend
        } finally {
            closeIfOpen(backend);
            server = null;
            backend = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "EmbeddedMongo[" + connectionString() + ", " + (file == null ? "in memory" : file) + "]";
    }

    /** MongoServer.shutdown closes the backend already; this only matters if it failed half-way. */
    private static void closeIfOpen(MongoBackend backend) {
        if (backend instanceof H2Backend h2 && !h2.getMvStore().isClosed()) {
            h2.close();
        }
    }
}
