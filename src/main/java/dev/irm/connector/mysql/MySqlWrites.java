package dev.irm.connector.mysql;

import dev.irm.connector.Args;
import dev.irm.connector.Consent;
import dev.irm.connector.Observation;
import dev.irm.connector.Preview;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** KILL and read_only: previews read through {@link ReadOnlySql}; the apply needs a {@link Consent}. */
final class MySqlWrites {
    private MySqlWrites() {
    }

    /** Rule of {@code ids}: thread ids as whole positive numbers (a list or "12,15"). */
    static void threadIds(Object value) {
        List<String> ids = new Args(value == null ? Map.of() : Map.of("ids", value)).strings("ids");
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("no thread ids to kill");
        }
        for (String id : ids) {
            if (!id.matches("[1-9]\\d{0,18}")) {
                throw new IllegalArgumentException("thread id '" + id + "' is not a whole positive number");
            }
        }
    }

    static List<Long> ids(Args args) {
        threadIds(args.asMap().get("ids"));
        return args.strings("ids").stream().map(Long::parseLong).distinct().toList();
    }

    /** The listed threads as they are now: id, user, host, time, query. */
    static List<Map<String, Object>> threads(ReadOnlySql sql, List<Long> ids) throws SQLException {
        StringJoiner marks = new StringJoiner(", ", "(", ")");
        ids.forEach(i -> marks.add("?"));
        return sql.rows("SELECT ID AS id, USER AS user, SUBSTRING_INDEX(HOST, ':', 1) AS host, COMMAND AS command, TIME AS time_s, "
                + "LEFT(INFO, 200) AS info FROM information_schema.PROCESSLIST WHERE ID IN " + marks + " AND ID <> CONNECTION_ID() "
                + "ORDER BY TIME DESC", ids.toArray());
    }

    static Preview previewKill(ReadOnlySql sql, Args args, MySqlEndpoint endpoint) throws SQLException {
        List<Long> ids = ids(args);
        List<Map<String, Object>> found = threads(sql, ids);
        StringJoiner listed = new StringJoiner("; ");
        found.forEach(r -> listed.add("#" + r.get("id") + " " + r.get("user") + "@" + r.get("host") + " " + r.get("time_s") + " s: "
                + (r.get("info") == null ? "(" + r.get("command") + ")" : r.get("info"))));
        StringJoiner kills = new StringJoiner("; ");
        found.forEach(r -> kills.add("KILL " + r.get("id")));
        String gone = found.size() < ids.size() ? " (" + (ids.size() - found.size()) + " listed id(s) no longer exist)" : "";
        return new Preview((found.isEmpty() ? "nothing to KILL" : kills.toString()) + " on " + endpoint,
                found.size() + " connection(s) are closed and their transactions rolled back" + gone
                        + (found.isEmpty() ? "" : ": " + listed), found.size(), found, null);
    }

    static Observation kill(Connection connection, ReadOnlySql sql, Args args, Consent consent) throws SQLException {
        long killed = 0;
        List<Long> gone = new ArrayList<>(ids(args));
        for (Map<String, Object> r : threads(sql, ids(args))) {
            long id = ((Number) r.get("id")).longValue();
            try (Statement s = connection.createStatement()) {
                s.execute("KILL " + id); // id is a parsed long, never text from a runbook
                killed++;
                gone.remove(id);
            } catch (SQLException e) {
                if (e.getErrorCode() != 1094) { // 1094: unknown thread id, it ended by itself meanwhile
                    throw e;
                }
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("killed", killed);
        m.put("already_gone", (long) gone.size());
        return Observation.of(m);
    }

    static Preview previewReadOnly(ReadOnlySql sql, MySqlEndpoint endpoint) throws SQLException {
        Observation status = MySqlReads.status(sql);
        return Preview.of("SET GLOBAL read_only = ON on " + endpoint,
                "every write of every application on " + endpoint.hostPort() + " fails until SET GLOBAL read_only = OFF (now read_only="
                        + status.metrics().get("read_only") + ", " + status.metrics().get("threads_connected")
                        + " connections); accounts with SUPER / READ_ONLY ADMIN can still write", 1, endpoint.hostPort());
    }

    static Observation setReadOnly(Connection connection, Consent consent) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SET GLOBAL read_only = ON");
        }
        return Observation.of(Map.of("read_only", "ON"));
    }
}
