package dev.irm.apps.hhplus;

import dev.irm.connector.Args;
import dev.irm.connector.Observation;
import dev.irm.connector.mysql.ReadOnlySql;
import dev.irm.connector.mysql.SqlNames;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The reference app's consistency reads (seed 001): payments and seat holds, through the read-only session only. */
final class PaymentReads {
    private PaymentReads() {
    }

    /** Reservations paid more than once (payments not already cancelled), per the manual's GROUP BY. */
    static Observation duplicatePayments(ReadOnlySql sql, Args args) throws SQLException {
        PaymentTables t = PaymentTables.of(args);
        if (!sql.tableExists(t.schema(), t.payment())) {
            return missing(t.payment(), "duplicate_groups", "duplicate_rows", "duplicate_amount");
        }
        List<Map<String, Object>> rows = sql.rows("SELECT " + t.reservationId() + " AS reservation_id, COUNT(*) AS payments, MIN("
                + t.paymentId() + ") AS kept_id, SUM(" + t.amount() + ") AS total_amount FROM "
                + t.paymentTable() + " WHERE " + t.status() + " <> ? GROUP BY " + t.reservationId() + " HAVING COUNT(*) > 1 "
                + "ORDER BY payments DESC", t.cancelled());
        Map<String, Object> extra = sql.row("SELECT COUNT(*) AS duplicate_rows, COALESCE(SUM(p." + t.amount() + "), 0) AS duplicate_amount FROM "
                + t.paymentTable() + " p JOIN (SELECT " + t.reservationId() + " AS rid, MIN(" + t.paymentId() + ") AS keep_id FROM "
                + t.paymentTable() + " WHERE " + t.status() + " <> ? GROUP BY " + t.reservationId() + " HAVING COUNT(*) > 1) d "
                + "ON d.rid = p." + t.reservationId() + " WHERE p." + t.status() + " <> ? AND p." + t.paymentId() + " <> d.keep_id",
                t.cancelled(), t.cancelled());
        Map<String, Object> m = present(t.payment());
        m.put("duplicate_groups", (long) rows.size());
        m.put("duplicate_rows", ReadOnlySql.number(extra.get("duplicate_rows")));
        m.put("duplicate_amount", extra.get("duplicate_amount") == null ? 0L : extra.get("duplicate_amount"));
        return Observation.of(m, rows);
    }

    /** Payments still PENDING after {@code minutes} (seed 001: PAYMENT_TIMEOUT_MINUTES = 5). */
    static Observation stalePayments(ReadOnlySql sql, Args args) throws SQLException {
        PaymentTables t = PaymentTables.of(args);
        if (!sql.tableExists(t.schema(), t.payment())) {
            return missing(t.payment(), "stale", "oldest_age_s");
        }
        long minutes = args.number("minutes", 5);
        String pending = args.string("pending_status", "PENDING");
        Map<String, Object> r = sql.row("SELECT COUNT(*) AS stale, COALESCE(TIMESTAMPDIFF(SECOND, MIN(" + t.createdAt() + "), NOW()), 0) "
                + "AS oldest_age_s FROM " + t.paymentTable() + " WHERE " + t.status() + " = ? AND " + t.createdAt()
                + " < NOW() - INTERVAL ? MINUTE", pending, minutes);
        List<Map<String, Object>> rows = sql.rows("SELECT " + t.paymentId() + " AS id, " + t.reservationId() + " AS reservation_id, "
                + t.userId() + " AS user_id, " + t.amount() + " AS amount, " + t.createdAt() + " AS created_at FROM " + t.paymentTable()
                + " WHERE " + t.status() + " = ? AND " + t.createdAt() + " < NOW() - INTERVAL ? MINUTE ORDER BY " + t.createdAt()
                + " LIMIT 20", pending, minutes);
        Map<String, Object> m = present(t.payment());
        m.put("minutes", minutes);
        m.put("stale", ReadOnlySql.number(r.get("stale")));
        m.put("oldest_age_s", ReadOnlySql.number(r.get("oldest_age_s")));
        return Observation.of(m, rows);
    }

    /** Seats held CONFIRMED more than once (seed 001 §5.2 step 5). */
    static Observation doubleConfirmedSeats(ReadOnlySql sql, Args args) throws SQLException {
        String schema = args.string("schema", "");
        String table = args.string("seat_hold_table", "seat_hold");
        if (!sql.tableExists(schema, table)) {
            return missing(table, "seats");
        }
        String seat = SqlNames.quote(args.string("seat_column", "seat_id"));
        String status = SqlNames.quote(args.string("status_column", "status"));
        List<Map<String, Object>> rows = sql.rows("SELECT " + seat + " AS seat_id, COUNT(*) AS holds FROM " + SqlNames.table(schema, table)
                + " WHERE " + status + " = ? GROUP BY " + seat + " HAVING COUNT(*) > 1 ORDER BY holds DESC",
                args.string("confirmed_status", "CONFIRMED"));
        Map<String, Object> m = present(table);
        m.put("seats", (long) rows.size());
        return Observation.of(m, rows);
    }


    private static Map<String, Object> present(String table) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("table", table);
        m.put("table_exists", true);
        return m;
    }

    /** A table that is not there: the check can SKIP it, and every metric still exists. */
    private static Observation missing(String table, String... zeroes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("table", table);
        m.put("table_exists", false);
        for (String z : zeroes) {
            m.put(z, 0L);
        }
        return Observation.of(m, new ArrayList<>());
    }
}
