package dev.irm.testing;

import dev.irm.lab.MariaDbPart;
import dev.irm.lab.Probes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * A private {@code mariadbd} with its own datadir, port, socket, pid file and error log; root has an
 * empty password over TCP (started as the lab starts its MariaDB). Note: MariaDB raises {@code --max-connections} below 10 to 10.
 */
public final class MariaDbServer implements AutoCloseable {
    public static final String HOST = "127.0.0.1";
    public static final String ROOT = MariaDbPart.ROOT;

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
            int port = FreePorts.next();
            try {
                Path tmpdir = Files.createDirectory(mp.dir().resolve("tmp"));
                CommandResult install = ManagedProcess.run(ManagedProcess.START_TIMEOUT,
                        MariaDbPart.installCommand(installDb, mp.dir(), tmpdir));
                if (install.exitCode() != 0) {
                    throw new IllegalStateException("mariadb-install-db failed (exit " + install.exitCode() + ")\n"
                            + install.output());
                }
                mp.start(MariaDbPart.command(mariadbd, mp.dir(), tmpdir, port, List.of(extraArgs)));
                mp.awaitReady(ManagedProcess.START_TIMEOUT, () -> Probes.mysqlAnswers(port));
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
