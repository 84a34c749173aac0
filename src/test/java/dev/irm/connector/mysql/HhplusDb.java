package dev.irm.connector.mysql;

import dev.irm.testing.MariaDbServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The manuals' schema on a test MariaDB — the reference app's own {@code lab/hhplus-app/src/main/resources/schema.sql},
 * so irm's MySQL tests and the app read one definition of the tables — with the seed rows of the test resource
 * {@code mysql/hhplus-seed.sql}, plus the faults of the issue.
 */
public final class HhplusDb {
    private static final Path APP_SCHEMA = Path.of(System.getProperty("irm.project.dir", "."),
            "lab/hhplus-app/src/main/resources/schema.sql");
    static final List<String> TABLES = List.of("reservation", "payment", "point", "point_history", "seat_hold");

    private HhplusDb() {
    }

    public static String url(MariaDbServer db) {
        return db.jdbcUrl() + "hhplus";
    }

    /** Drops and recreates the database with three users, three reservations and one payment each. */
    public static void reset(Connection root) throws SQLException, IOException {
        exec(root, "DROP DATABASE IF EXISTS hhplus");
        String script = "CREATE DATABASE hhplus;\nUSE hhplus;\n" + Files.readString(APP_SCHEMA, StandardCharsets.UTF_8);
        try (InputStream in = HhplusDb.class.getResourceAsStream("/mysql/hhplus-seed.sql")) {
            script += "\n" + new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String withoutComments = script.lines().filter(l -> !l.startsWith("--")).collect(Collectors.joining("\n"));
        for (String statement : withoutComments.split(";\\s*\n")) {
            if (!statement.isBlank()) {
                exec(root, statement.strip().replaceAll(";$", ""));
            }
        }
    }

    /** Reservation 10 paid three times (30000 each), 11 twice (25000); one payment PENDING for 10 minutes. */
    public static void injectPaymentFaults(Connection root) throws SQLException {
        exec(root, "INSERT INTO hhplus.payment (reservation_id, user_id, amount, status) VALUES (10, 1, 30000, 'COMPLETED'), "
                + "(10, 1, 30000, 'COMPLETED'), (11, 2, 25000, 'COMPLETED')");
        exec(root, "INSERT INTO hhplus.payment (reservation_id, user_id, amount, status, created_at) "
                + "VALUES (13, 3, 15000, 'PENDING', NOW() - INTERVAL 10 MINUTE), (14, 3, 15000, 'PENDING', NOW())");
    }

    /** CHECKSUM TABLE of every table, plus the globals a diagnostic must not touch. */
    public static String checksum(Connection root) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Statement s = root.createStatement()) {
            for (String t : TABLES) {
                try (ResultSet rs = s.executeQuery("CHECKSUM TABLE hhplus." + t + " EXTENDED")) {
                    rs.next();
                    out.append(t).append('=').append(rs.getString(2)).append(' ');
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT @@global.read_only, @@global.max_connections, @@global.max_statement_time")) {
                rs.next();
                out.append("read_only=").append(rs.getString(1)).append(" max_connections=").append(rs.getString(2))
                        .append(" max_statement_time=").append(rs.getString(3));
            }
        }
        return out.toString();
    }

    public static List<List<Object>> query(Connection c, String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.add(rs.getObject(i) == null ? null : rs.getObject(i).toString());
                }
                rows.add(row);
            }
        }
        return rows;
    }

    public static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** A user that is not root: root gets one connection beyond max_connections, so only this one sees error 1040. */
    static void createUser(Connection root, String user, String password) throws SQLException {
        exec(root, "CREATE USER IF NOT EXISTS '" + user + "'@'%' IDENTIFIED BY '" + password + "'");
        exec(root, "GRANT SELECT, PROCESS ON *.* TO '" + user + "'@'%'");
    }
}
