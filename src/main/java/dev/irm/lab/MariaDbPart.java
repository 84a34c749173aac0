package dev.irm.lab;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A private {@code mariadbd}: datadir, port, socket, pid file and error log under {@code dir}; root has an
 * empty password over TCP (loopback only).
 */
public final class MariaDbPart {
    public static final String ROOT = "root";
    private static final String OS_USER = System.getProperty("user.name");

    private MariaDbPart() {
    }

    public static String binary() {
        return LabHome.binary("mariadbd", "mariadb-server");
    }

    public static String installDbBinary() {
        return LabHome.binary("mariadb-install-db", "mariadb-server");
    }

    /** {@code mariadb-install-db} into {@code dir/data}. */
    public static List<String> installCommand(String installDb, Path dir, Path tmpdir) {
        return List.of(installDb, "--no-defaults", "--datadir=" + dir.resolve("data"), "--user=" + OS_USER,
                "--auth-root-authentication-method=normal", "--skip-test-db", "--skip-name-resolve", "--tmpdir=" + tmpdir);
    }

    public static List<String> command(String mariadbd, Path dir, Path tmpdir, int port, List<String> extraArgs) {
        List<String> cmd = new ArrayList<>(List.of(mariadbd, "--no-defaults",
                "--datadir=" + dir.resolve("data"), "--port=" + port, "--socket=" + dir.resolve("mariadb.sock"),
                "--bind-address=" + Probes.HOST, "--user=" + OS_USER, "--pid-file=" + dir.resolve("mariadb.pid"),
                "--log-error=" + dir.resolve("error.log"), "--tmpdir=" + tmpdir, "--skip-name-resolve",
                "--innodb-buffer-pool-size=32M"));
        cmd.addAll(extraArgs);
        return cmd;
    }
}
