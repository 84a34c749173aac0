package dev.irm.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A private {@code mariadbd} with its own datadir, port, socket, pid file and error log; root has an
 * empty password over TCP. Note: MariaDB raises {@code --max-connections} below 10 to 10.
 */
public final class MariaDbServer implements AutoCloseable {
    public static final String HOST = "127.0.0.1";
    public static final String ROOT = "root";
    private static final String OS_USER = System.getProperty("user.name");

    private final ManagedProcess process;
    private final int port;

    private MariaDbServer(ManagedProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Extra args go to mariadbd, e.g. {@code start("--max-connections=10")}. */
    public static MariaDbServer start(String... extraArgs) throws IOException {
        String mariadbd = ManagedProcess.which("mariadbd", "/usr/sbin", "/usr/bin");
        String installDb = ManagedProcess.which("mariadb-install-db", "/usr/bin", "/usr/sbin");
        for (int attempt = 1; ; attempt++) {
            ManagedProcess mp = ManagedProcess.inTempDir("mariadb", "mariadbd.out", "error.log");
            String dir = mp.dir().toString();
            String datadir = dir + "/data";
            int port = FreePorts.next();
            try {
                String tmpdir = Files.createDirectory(mp.dir().resolve("tmp")).toString();
                CommandResult install = ManagedProcess.run(ManagedProcess.START_TIMEOUT, List.of(installDb,
                        "--no-defaults", "--datadir=" + datadir, "--user=" + OS_USER,
                        "--auth-root-authentication-method=normal", "--skip-test-db", "--skip-name-resolve",
                        "--tmpdir=" + tmpdir));
                if (install.exitCode() != 0) {
                    throw new IllegalStateException("mariadb-install-db failed (exit " + install.exitCode() + ")\n"
                            + install.output());
                }
                List<String> cmd = new ArrayList<>(List.of(mariadbd, "--no-defaults",
                        "--datadir=" + datadir, "--port=" + port, "--socket=" + dir + "/mariadb.sock",
                        "--bind-address=" + HOST, "--user=" + OS_USER, "--pid-file=" + dir + "/mariadb.pid",
                        "--log-error=" + dir + "/error.log", "--tmpdir=" + tmpdir, "--skip-name-resolve",
                        "--innodb-buffer-pool-size=32M"));
                cmd.addAll(List.of(extraArgs));
                mp.start(cmd);
                mp.awaitReady(ManagedProcess.START_TIMEOUT, () -> {
                    try (Connection c = DriverManager.getConnection(
                            "jdbc:mysql://" + HOST + ":" + port + "/?connectTimeout=1000&socketTimeout=2000", ROOT, "")) {
                        return c.isValid(2);
                    }
                });
                return new MariaDbServer(mp, port);
            } catch (RuntimeException | IOException e) {
                boolean portTaken = mp.logContains("Address already in use") || mp.logContains("Bind on TCP/IP port");
                mp.close();
                if (!portTaken || attempt == 3) {
                    throw e;
                }
            }
        }
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return port;
    }

    /** {@code jdbc:mysql://127.0.0.1:port/} */
    public String jdbcUrl() {
        return "jdbc:mysql://" + HOST + ":" + port + "/";
    }

    /** A root connection for test setup; the caller closes it. */
    public Connection connect() throws SQLException {
        return connect(ROOT, "");
    }

    public Connection connect(String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("connectTimeout", "2000");
        return DriverManager.getConnection(jdbcUrl(), p);
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** Shuts the server down (its port then refuses connections); the datadir stays until close(). */
    public void stop() {
        process.stop(Duration.ofSeconds(10));
    }

    public String logTail() {
        return process.logTail(40);
    }

    @Override
    public void close() {
        process.close();
    }
}
