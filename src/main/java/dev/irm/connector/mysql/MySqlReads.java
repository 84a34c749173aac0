package dev.irm.connector.mysql;

import static dev.irm.connector.mysql.ReadOnlySql.number;

import dev.irm.connector.Args;
import dev.irm.connector.Observation;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** Read actions. Each uses only {@link ReadOnlySql}; names are quoted identifiers, values bind parameters. */
final class MySqlReads {
    /** Threads of the server itself, never a client's query. */
    private static final String CLIENT_THREADS = "COMMAND NOT IN ('Daemon', 'Binlog Dump', 'Slave_IO', 'Slave_SQL', 'Slave_worker') "
            + "AND USER NOT IN ('system user', 'event_scheduler') AND ID <> CONNECTION_ID()";

    private MySqlReads() {
    }

    /** Global status and the variables that bound it: Threads_connected against max_connections. */
    static Observation status(ReadOnlySql sql) throws SQLException {
        Map<String, Object> status = sql.pairs("SHOW GLOBAL STATUS WHERE Variable_name IN ('Threads_connected', 'Threads_running', "
                + "'Max_used_connections', 'Aborted_connects', 'Connection_errors_max_connections', 'Uptime', 'Slow_queries')");
        Map<String, Object> vars = sql.pairs("SHOW GLOBAL VARIABLES WHERE Variable_name IN ('max_connections', 'read_only', 'version', "
                + "'wait_timeout', 'max_user_connections')");
        Map<String, Object> m = new LinkedHashMap<>();
        long connected = number(status.get("threads_connected"));
        long max = number(vars.get("max_connections"));
        m.put("threads_connected", connected);
        m.put("threads_running", number(status.get("threads_running")));
        m.put("max_connections", max);
        m.put("connections_pct", max > 0 ? Math.round(connected * 1000.0 / max) / 10.0 : 0.0);
        m.put("max_used_connections", number(status.get("max_used_connections")));
        m.put("aborted_connects", number(status.get("aborted_connects")));
        m.put("refused_max_connections", number(status.get("connection_errors_max_connections")));
        m.put("slow_queries", number(status.get("slow_queries")));
        m.put("uptime_s", number(status.get("uptime")));
        m.put("read_only", String.valueOf(vars.get("read_only")));
        m.put("wait_timeout_s", number(vars.get("wait_timeout")));
        m.put("version", String.valueOf(vars.get("version")));
        m.put("mariadb", sql.mariadb());
        return Observation.of(m);
    }

    /** SHOW PROCESSLIST grouped by user, client host (without port), command and state. */
    static Observation processlist(ReadOnlySql sql) throws SQLException {
        List<Map<String, Object>> rows = sql.rows("SELECT USER AS user, SUBSTRING_INDEX(HOST, ':', 1) AS host, COMMAND AS command, "
                + "COALESCE(STATE, '') AS state, COUNT(*) AS sessions, MAX(TIME) AS max_time_s FROM information_schema.PROCESSLIST "
                + "GROUP BY USER, SUBSTRING_INDEX(HOST, ':', 1), COMMAND, COALESCE(STATE, '') ORDER BY sessions DESC, max_time_s DESC");
        long total = 0;
        long sleeping = 0;
        Map<String, Long> byClient = new LinkedHashMap<>();
        for (Map<String, Object> r : rows) {
            long n = number(r.get("sessions"));
            total += n;
            if ("Sleep".equals(r.get("command"))) {
                sleeping += n;
            }
            byClient.merge(r.get("user") + "@" + r.get("host"), n, Long::sum);
        }
        String top = byClient.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sessions", total);
        m.put("sleeping", sleeping);
        m.put("active", total - sleeping);
        m.put("groups", (long) rows.size());
        m.put("top_client", top);
        m.put("top_client_sessions", top.isEmpty() ? 0L : byClient.get(top));
        m.put("max_connections", number(sql.pairs("SHOW GLOBAL VARIABLES WHERE Variable_name = 'max_connections'").get("max_connections")));
        return Observation.of(m, rows);
    }

    /** Client queries running longer than {@code seconds}: their ids are what a KILL may name. */
    static Observation longQueries(ReadOnlySql sql, Args args) throws SQLException {
        long seconds = args.number("seconds", 5);
        List<Map<String, Object>> rows = sql.rows("SELECT ID AS id, USER AS user, SUBSTRING_INDEX(HOST, ':', 1) AS host, DB AS db, "
                + "COMMAND AS command, TIME AS time_s, STATE AS state, LEFT(INFO, 200) AS info FROM information_schema.PROCESSLIST "
                + "WHERE COMMAND <> 'Sleep' AND TIME > ? AND " + CLIENT_THREADS + " ORDER BY TIME DESC", seconds);
        StringJoiner ids = new StringJoiner(",");
        rows.forEach(r -> ids.add(String.valueOf(r.get("id"))));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seconds", seconds);
        m.put("count", (long) rows.size());
        m.put("longest_s", rows.isEmpty() ? 0L : number(rows.get(0).get("time_s")));
        m.put("ids", ids.toString());
        return Observation.of(m, rows);
    }

    /** InnoDB lock waits: who waits on whom (MariaDB: information_schema; MySQL 8: performance_schema). */
    static Observation lockWaits(ReadOnlySql sql) throws SQLException {
        String waits = sql.mariadb()
                ? "information_schema.INNODB_LOCK_WAITS w JOIN information_schema.INNODB_TRX b ON b.trx_id = w.blocking_trx_id "
                        + "JOIN information_schema.INNODB_TRX r ON r.trx_id = w.requesting_trx_id"
                : "performance_schema.data_lock_waits w JOIN information_schema.INNODB_TRX b ON b.trx_id = w.BLOCKING_ENGINE_TRANSACTION_ID "
                        + "JOIN information_schema.INNODB_TRX r ON r.trx_id = w.REQUESTING_ENGINE_TRANSACTION_ID";
        List<Map<String, Object>> rows = sql.rows("SELECT r.trx_mysql_thread_id AS waiting_id, TIMESTAMPDIFF(SECOND, r.trx_wait_started, NOW()) "
                + "AS wait_s, LEFT(r.trx_query, 200) AS waiting_query, b.trx_mysql_thread_id AS blocking_id, "
                + "TIMESTAMPDIFF(SECOND, b.trx_started, NOW()) AS blocking_trx_s, LEFT(b.trx_query, 200) AS blocking_query FROM " + waits
                + " ORDER BY wait_s DESC");
        StringJoiner blockers = new StringJoiner(",");
        rows.stream().map(r -> String.valueOf(r.get("blocking_id"))).distinct().forEach(blockers::add);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("waits", (long) rows.size());
        m.put("longest_wait_s", rows.isEmpty() ? 0L : number(rows.get(0).get("wait_s")));
        m.put("blocking_ids", blockers.toString());
        return Observation.of(m, rows);
    }

    /** A runbook's own read query: allow-listed at load and again here; values only as {@code params}. */
    static Observation query(ReadOnlySql sql, Args args) throws SQLException {
        List<Map<String, Object>> rows = sql.rows(args.string("sql"), args.strings("params").toArray());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", (long) rows.size());
        m.put("truncated", rows.size() >= ReadOnlySql.ROW_CAP);
        if (!rows.isEmpty()) {
            rows.get(0).forEach((k, v) -> {
                if (v instanceof Number || v instanceof String || v instanceof Boolean) {
                    m.putIfAbsent(k, v);
                }
            });
        }
        return Observation.of(m, rows);
    }
}
