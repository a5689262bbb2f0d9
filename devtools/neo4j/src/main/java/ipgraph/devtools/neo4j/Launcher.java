package ipgraph.devtools.neo4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * Test-only launcher: a real Neo4j 5 (Community) DBMS, in this JVM, with Bolt on a loopback port.
 *
 * <pre>
 * java -cp 'target/classes:target/dependency/*' ipgraph.devtools.neo4j.Launcher \
 *      --port 7687 --home /tmp/neo4j-home [--host 127.0.0.1] [--password SECRET | --no-auth]
 *      [--pagecache 64m] [--watch-stdin]
 * </pre>
 *
 * <ul>
 *   <li>--home: Neo4j home; data in HOME/data, Neo4j's own logs in HOME/logs (debug.log). Created if
 *       missing. Starting again on the same home keeps (and, after a crash, recovers) committed data.
 *   <li>--password: user "neo4j" gets this password (at least 8 characters, Neo4j's default rule);
 *       set on every start, so a restart may also change it. Default: "ipgraph-test".
 *       Failed logins never lock the account (dbms.security.auth_max_failed_attempts=0), so tests of
 *       wrong passwords do not disturb the tests that follow them.
 *   <li>--no-auth: authentication disabled.
 *   <li>--watch-stdin: shut down when standard input reaches end-of-file (the parent process closed
 *       the pipe or died), so a crashed test run leaves no server behind.
 * </ul>
 *
 * <p>On success prints one line {@code READY bolt://HOST:PORT} to stdout, after Bolt accepts TCP
 * connections and the password is set. On failure prints {@code FAILED ...} and exits with code 1.
 * SIGTERM, SIGINT or end of stdin (with --watch-stdin) shut the DBMS down cleanly, then it prints
 * {@code STOPPED}.
 */
public final class Launcher {
    private static final String DEFAULT_PASSWORD = "ipgraph-test";
    private static final String SAME_PASSWORD = "Old password and new password cannot be the same";

    private Launcher() {}

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try {
            run(args, out);
        } catch (Throwable e) {
            Throwable root = rootCause(e);
            out.println("FAILED " + e + (root == e ? "" : " (root cause: " + root + ")"));
            e.printStackTrace();
            System.out.flush();
            System.err.flush();
            System.exit(1); // runs the shutdown hook if the DBMS was already built
        }
    }

    private static void run(String[] args, PrintStream out) throws Exception {
        String host = "127.0.0.1";
        Integer port = null;
        Path home = null;
        String password = DEFAULT_PASSWORD;
        boolean auth = true;
        long pagecacheBytes = 64L * 1024 * 1024;
        boolean watchStdin = false;

        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--host" -> host = value(args, ++i, a);
                case "--port" -> port = Integer.parseInt(value(args, ++i, a));
                case "--home", "--data-dir" -> home = Path.of(value(args, ++i, a));
                case "--password" -> password = value(args, ++i, a);
                case "--no-auth" -> auth = false;
                case "--pagecache" -> pagecacheBytes = parseBytes(value(args, ++i, a));
                case "--watch-stdin" -> watchStdin = true;
                case "-h", "--help" -> {
                    out.println("usage: Launcher --port N --home DIR [--host 127.0.0.1]"
                            + " [--password PW | --no-auth] [--pagecache 64m] [--watch-stdin]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown argument: " + a);
            }
        }
        if (port == null) {
            throw new IllegalArgumentException("--port is required");
        }
        if (home == null) {
            throw new IllegalArgumentException("--home is required");
        }
        home = home.toAbsolutePath();
        Files.createDirectories(home);

        long t0 = System.nanoTime();
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress(host, port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, auth)
                .setConfig(GraphDatabaseSettings.auth_max_failed_attempts, 0)
                .setConfig(GraphDatabaseSettings.pagecache_memory, pagecacheBytes)
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                // Internal settings, for test speed only: Bolt's Netty event loops otherwise wait a 5 s
                // quiet period each (about 10 s per shutdown). The stores are checkpointed before this.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(5))
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                dbms.shutdown();
                out.println("STOPPED");
            } catch (Throwable e) {
                out.println("SHUTDOWN-ERROR " + e);
            } finally {
                stopped.countDown();
            }
        }, "neo4j-launcher-shutdown"));

        long tBuilt = System.nanoTime();
        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        GraphDatabaseService neo4j = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        if (!system.isAvailable(TimeUnit.MINUTES.toMillis(2)) || !neo4j.isAvailable(TimeUnit.MINUTES.toMillis(2))) {
            throw new IllegalStateException("databases did not become available within 2 minutes");
        }
        if (auth) {
            // Runs as an embedded (fully privileged) transaction; the account never has to change it.
            try {
                system.executeTransactionally(
                        "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
            } catch (RuntimeException e) {
                // A restart on the same home with the same password: nothing to change.
                if (!String.valueOf(rootCause(e).getMessage()).contains(SAME_PASSWORD)) {
                    throw e;
                }
            }
        }
        long tAuth = System.nanoTime();
        waitForBolt(host, port);
        long tEnd = System.nanoTime();
        out.println("READY bolt://" + host + ":" + port + " (home " + home + "; " + millis(t0, tEnd)
                + " ms: DBMS " + millis(t0, tBuilt) + ", databases+password " + millis(tBuilt, tAuth)
                + ", bolt check " + millis(tAuth, tEnd) + ")");

        if (watchStdin) {
            Thread watcher = new Thread(() -> {
                try (InputStream in = System.in) {
                    byte[] buf = new byte[256];
                    while (in.read(buf) >= 0) {
                        // ignore anything written; only end-of-file matters
                    }
                } catch (IOException ignored) {
                    // treat a broken stdin like end-of-file
                }
                System.exit(0); // runs the shutdown hook
            }, "neo4j-launcher-stdin");
            watcher.setDaemon(true);
            watcher.start();
        }
        stopped.await();
    }

    private static void waitForBolt(String host, int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        IOException last = null;
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, port), 1000);
                return;
            } catch (IOException e) {
                last = e;
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("Bolt did not accept connections on " + host + ":" + port, last);
    }

    private static long millis(long fromNanos, long toNanos) {
        return TimeUnit.NANOSECONDS.toMillis(toNanos - fromNanos);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String value(String[] args, int i, String name) {
        if (i >= args.length) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args[i];
    }

    private static long parseBytes(String s) {
        String t = s.trim().toLowerCase();
        long mult = 1;
        if (t.endsWith("k")) {
            mult = 1024L;
        } else if (t.endsWith("m")) {
            mult = 1024L * 1024;
        } else if (t.endsWith("g")) {
            mult = 1024L * 1024 * 1024;
        }
        if (mult != 1) {
            t = t.substring(0, t.length() - 1);
        }
        return Long.parseLong(t) * mult;
    }
}
