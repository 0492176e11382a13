package dev.ascent.devstack;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** Runs {@link EmbeddedMongo} as its own process: {@code --port N [--file PATH]}; stops cleanly on SIGTERM. */
public final class MongoMain {

    /** Printed (followed by the connection string) once the server accepts connections. */
    public static final String READY_LINE = "MongoDB stand-in listening on ";

    private MongoMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = 27017;
        Path file = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
                case "--file" -> file = Path.of(value(args, ++i, "--file"));
                case "-h", "--help" -> {
                    System.out.println("Usage: MongoMain [--port N] [--file PATH]   (no --file: in memory)");
                    return;
                }
                default -> {
                    System.err.println("Unknown argument: " + args[i] + "\nUsage: MongoMain [--port N] [--file PATH]");
                    System.exit(2);
                }
            }
        }
        EmbeddedMongo mongo = new EmbeddedMongo(port, file);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                mongo.stop();
                System.out.println("MongoDB stand-in stopped");
            } finally {
                stopped.countDown();
            }
        }, "mongo-shutdown"));
        try {
            mongo.start();
        } catch (Exception e) {
            System.err.println("MongoDB stand-in failed to start: " + e);
            e.printStackTrace();
            System.exit(1);
        }
        System.out.println(READY_LINE + mongo.connectionString()
                + (file == null ? " (in memory)" : " (H2 file " + mongo.file() + ")"));
        System.out.flush();
        stopped.await();
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            System.err.println(option + " needs a value");
            System.exit(2);
        }
        return args[i];
    }
}
