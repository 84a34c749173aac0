package dev.irm.connector.mysql;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The only door diagnostics have to the database. The session is READ ONLY with a server-side
 * statement time limit; every query passes {@link SqlReadPolicy}, runs in its own
 * {@code START TRANSACTION READ ONLY} with values as bind parameters, and returns at most
 * {@link #ROW_CAP} rows.
 */
public final class ReadOnlySql {
    public static final int ROW_CAP = 1000;

    private final Connection connection;
    private final boolean mariadb;
    private final int limitMillis;

    /** Turns the connection's session READ ONLY with a statement time limit of {@code limitMillis}. */
    public ReadOnlySql(Connection connection, boolean mariadb, int limitMillis) throws SQLException {
        this.connection = connection;
        this.mariadb = mariadb;
        this.limitMillis = limitMillis;
        session("SET SESSION TRANSACTION READ ONLY");
        limitStatements(limitMillis);
    }

    public boolean mariadb() {
        return mariadb;
    }

    public List<Map<String, Object>> rows(String sql, Object... params) throws SQLException {
        SqlReadPolicy.check(sql);
        session("START TRANSACTION READ ONLY");
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setMaxRows(ROW_CAP);
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return read(rs);
            }
        } finally {
            session("ROLLBACK");
        }
    }

    public Map<String, Object> row(String sql, Object... params) throws SQLException {
        List<Map<String, Object>> rows = rows(sql, params);
        return rows.isEmpty() ? new LinkedHashMap<>() : rows.get(0);
    }

    /** Name/value pairs of SHOW GLOBAL STATUS / VARIABLES, keys lower-cased. */
    Map<String, Object> pairs(String sql) throws SQLException {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map<String, Object> r : rows(sql)) {
            out.put(String.valueOf(r.get("variable_name")).toLowerCase(Locale.ROOT), typed(String.valueOf(r.get("value"))));
        }
        return out;
    }

    /** Whether a table exists in the schema (the connection's database when empty). */
    public boolean tableExists(String schema, String table) throws SQLException {
        Map<String, Object> r = row("SELECT COUNT(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = COALESCE(NULLIF(?, ''), DATABASE()) "
                + "AND TABLE_NAME = ?", schema == null ? "" : schema, table);
        return ((Number) r.getOrDefault("n", 0L)).longValue() > 0;
    }

    /** Fixed session statements of this class only (never runbook text). */
    private void session(String fixed) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(fixed);
        }
    }

    /** MariaDB: max_statement_time (seconds); MySQL: MAX_EXECUTION_TIME (ms, SELECT only). */
    void limitStatements(int millis) throws SQLException {
        session(mariadb ? "SET SESSION max_statement_time = " + (millis / 1000.0) : "SET SESSION MAX_EXECUTION_TIME = " + millis);
    }

    int limitMillis() {
        return limitMillis;
    }

    /** The rows of a result set as irm shows them: names lower-cased, values plain, secret-bearing values {@code ***}. */
    public static List<Map<String, Object>> read(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        List<Map<String, Object>> out = new ArrayList<>();
        while (rs.next()) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                row.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), value(rs.getObject(i)));
            }
            out.add(redacted(row));
        }
        return out;
    }

    /**
     * Secret-bearing values never leave: a column named like a secret ({@code password},
     * {@code authentication_string}) and the value of a variable named like one ({@code SHOW
     * VARIABLES}, {@code information_schema.GLOBAL_VARIABLES}: e.g. {@code wsrep_sst_auth}).
     */
    static Map<String, Object> redacted(Map<String, Object> row) {
        Object variable = row.containsKey("variable_name") ? row.get("variable_name") : null;
        boolean secretVariable = variable != null && dev.irm.connector.Secrets.isSecretSetting(variable.toString());
        for (Map.Entry<String, Object> e : row.entrySet()) {
            boolean valueColumn = e.getKey().equals("value") || e.getKey().equals("variable_value");
            if (e.getValue() != null && !e.getValue().toString().isEmpty() && !e.getKey().equals("variable_name")
                    && (dev.irm.connector.Secrets.isSecretKey(e.getKey()) || e.getKey().equals("authentication_string")
                    || secretVariable && valueColumn)) {
                e.setValue("***");
            }
        }
        return row;
    }

    static Object value(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte || v instanceof Long) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger b) {
            return b.longValue();
        }
        if (v instanceof BigDecimal d) {
            return d.scale() <= 0 || d.stripTrailingZeros().scale() <= 0 ? (Object) d.longValue() : (Object) d.doubleValue();
        }
        if (v instanceof Float || v instanceof Double) {
            return ((Number) v).doubleValue();
        }
        if (v instanceof Boolean) {
            return v;
        }
        if (v instanceof byte[] bytes) {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }
        return v.toString();
    }

    static Object typed(String value) {
        if (value.matches("-?\\d{1,18}")) {
            return Long.parseLong(value);
        }
        if (value.matches("-?\\d+\\.\\d+")) {
            return Double.parseDouble(value);
        }
        return value;
    }

    /** A count or size column as a whole number: 0 for null or text that is not one. */
    public static long number(Object o) {
        if (o instanceof Number n) {
            return n.longValue();
        }
        try {
            return o == null ? 0 : Long.parseLong(o.toString().trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
