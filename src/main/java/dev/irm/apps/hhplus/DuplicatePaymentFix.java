package dev.irm.apps.hhplus;

import dev.irm.connector.Args;
import dev.irm.connector.Consent;
import dev.irm.connector.mysql.MySqlSession;
import dev.irm.connector.mysql.MySqlWriter;
import dev.irm.connector.Observation;
import dev.irm.connector.Preview;
import dev.irm.connector.mysql.ReadOnlySql;
import dev.irm.connector.mysql.SqlNames;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Cancels the later payments of each reservation paid more than once (the one with the lowest id
 * is kept) and refunds their amounts: {@code UPDATE point} plus an {@code INSERT INTO point_history}
 * of type REFUND per payment, all in ONE transaction.
 *
 * <p>The preview only computes, with SELECTs through {@link ReadOnlySql}: which payments would be
 * cancelled, which balances refunded by how much and which history rows inserted. Nothing is
 * executed and rolled back, because on non-transactional tables (MyISAM, Aria) nothing rolls back
 * and on InnoDB a rolled-back INSERT still burns an AUTO_INCREMENT value. The apply re-reads the
 * same rows with locks inside its write transaction and writes only if they are what was
 * previewed; otherwise it changes nothing and refuses.
 */
final class DuplicatePaymentFix {
    /** What the fix would do, computed read-only. {@code pointRows} maps a user id to its number of point rows. */
    record Plan(List<Map<String, Object>> payments, Map<Object, Long> pointRows, List<String> nonTransactional) {
        long cancelled() {
            return payments.size();
        }

        long pointsUpdated() {
            return payments.stream().mapToLong(p -> pointRows.getOrDefault(p.get("user_id"), 0L)).sum();
        }

        long historyInserted() {
            return payments.size();
        }

        BigDecimal refunded() {
            return payments.stream().map(p -> amount(p)).reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        /** Refund per user, in payment order. */
        Map<Object, BigDecimal> refunds() {
            Map<Object, BigDecimal> out = new LinkedHashMap<>();
            payments.forEach(p -> out.merge(p.get("user_id"), amount(p), BigDecimal::add));
            return out;
        }

        /** The same payments (id, reservation, user, amount) and the same point rows per user. */
        boolean sameRowsAs(Plan o) {
            return o != null && payments.equals(o.payments) && pointRows.equals(o.pointRows);
        }

        Map<String, Object> metrics(boolean committed) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("payments_cancelled", cancelled());
            m.put("points_updated", pointsUpdated());
            m.put("history_inserted", historyInserted());
            BigDecimal refunded = refunded();
            m.put("refunded_amount", refunded.stripTrailingZeros().scale() <= 0 ? (Object) refunded.longValue() : (Object) refunded.doubleValue());
            m.put("committed", committed);
            return m;
        }

        private static BigDecimal amount(Map<String, Object> payment) {
            return new BigDecimal(String.valueOf(payment.get("amount")));
        }
    }

    private DuplicatePaymentFix() {
    }

    static final String ACTION = "cancel-duplicate-payments";

    /** The preview of {@code mysql.cancel-duplicate-payments}: computes the plan, keeps it for the apply, shows it. */
    static Preview preview(MySqlSession session, Args args) throws SQLException {
        Plan plan = plan(session.sql(), args);
        session.plans().keep(ACTION, args, plan);
        return preview(plan, args, session.endpoint());
    }

    /** The apply: exactly the plan its preview kept, in the writer's READ WRITE window. */
    static Observation apply(MySqlWriter writer, Args args, Consent consent) throws SQLException {
        return apply(writer.connection(), args, writer.plans().find(ACTION, args, Plan.class));
    }

    /** Computes the fix with SELECTs only, each in a read-only transaction. */
    static Plan plan(ReadOnlySql sql, Args args) throws SQLException {
        PaymentTables t = PaymentTables.of(args);
        List<Map<String, Object>> payments = sql.rows(paymentsQuery(t, false), t.cancelled(), t.cancelled());
        List<Object> users = users(payments);
        Map<Object, Long> pointRows = users.isEmpty() ? Map.of() : countByUser(sql.rows(pointRowsQuery(t, users.size(), false), users.toArray()));
        List<String> nonTransactional = new ArrayList<>();
        for (Map<String, Object> r : sql.rows("SELECT t.TABLE_NAME AS name, t.ENGINE AS engine FROM information_schema.TABLES t "
                + "JOIN information_schema.ENGINES e ON e.ENGINE = t.ENGINE WHERE t.TABLE_SCHEMA = COALESCE(NULLIF(?, ''), DATABASE()) "
                + "AND t.TABLE_NAME IN (?, ?, ?) AND e.TRANSACTIONS <> 'YES' ORDER BY t.TABLE_NAME",
                t.schema(), t.payment(), t.point(), t.pointHistory())) {
            nonTransactional.add(r.get("name") + " (" + r.get("engine") + ")");
        }
        return new Plan(payments, pointRows, nonTransactional);
    }

    static Preview preview(Plan plan, Args args, String endpoint) {
        PaymentTables t = PaymentTables.of(args);
        String history = t.pointHistory();
        String command = "in one transaction on " + endpoint + ": UPDATE " + t.payment() + " SET " + t.statusName() + " = '" + t.cancelled()
                + "' for the later duplicates; UPDATE " + t.point() + " SET " + t.balanceName() + " = " + t.balanceName() + " + amount per user; "
                + "INSERT INTO " + history + " (" + t.userIdName() + ", " + t.amountName() + ", " + typeColumn(args) + ") ... '" + refundType(args) + "'";
        StringJoiner refunds = new StringJoiner(", ", " (", ")");
        plan.refunds().forEach((user, amount) -> refunds.add("user " + user + " +" + amount.toPlainString()));
        String radius = plan.cancelled() + " payment(s) cancelled, " + plan.pointsUpdated() + " " + t.point() + " row(s) refunded with "
                + plan.refunded().toPlainString() + " in total" + (plan.payments().isEmpty() ? "" : refunds.toString()) + ", "
                + plan.historyInserted() + " " + history + " row(s) inserted (computed with SELECTs, nothing executed; "
                + "the apply writes only if the same rows are still there)"
                + (plan.nonTransactional().isEmpty() ? "" : "; not transactional, a failure part-way cannot be rolled back: "
                + String.join(", ", plan.nonTransactional()));
        return new Preview(command, radius, plan.cancelled(), plan.payments(), null);
    }

    /**
     * Inside one write transaction: locks and re-reads the previewed rows, refuses unless they are
     * the same, then writes exactly the previewed changes and commits.
     */
    static Observation apply(Connection connection, Args args, Plan previewed) throws SQLException {
        if (previewed == null) {
            throw new IllegalStateException("no preview of this fix in this session: nothing is changed without one");
        }
        PaymentTables t = PaymentTables.of(args);
        connection.setAutoCommit(false);
        boolean committed = false;
        try {
            Plan now = lockedPlan(connection, t, previewed.nonTransactional());
            if (!now.sameRowsAs(previewed)) {
                throw new IllegalStateException("refused, nothing changed: the data changed since the preview (preview "
                        + previewed.metrics(false) + ", now " + now.metrics(false) + "); run the runbook again");
            }
            for (Map<String, Object> p : previewed.payments()) {
                Object user = p.get("user_id");
                expect(1, update(connection, "UPDATE " + t.paymentTable() + " SET " + t.status() + " = ? WHERE " + t.paymentId() + " = ? AND "
                        + t.status() + " <> ?", t.cancelled(), p.get("id"), t.cancelled()), "payment " + p.get("id"));
                expect(previewed.pointRows().getOrDefault(user, 0L), update(connection, "UPDATE " + t.pointTable() + " SET " + t.balance() + " = "
                        + t.balance() + " + ? WHERE " + t.userId() + " = ?", p.get("amount"), user), "point of user " + user);
                expect(1, update(connection, "INSERT INTO " + t.pointHistoryTable() + " (" + t.userId() + ", " + t.amount() + ", "
                        + SqlNames.quote(typeColumn(args)) + ") VALUES (?, ?, ?)", user, p.get("amount"), refundType(args)), "history of user " + user);
            }
            connection.commit();
            committed = true;
            return Observation.of(previewed.metrics(true), previewed.payments());
        } finally {
            if (!committed) {
                connection.rollback();
            }
            connection.setAutoCommit(true);
        }
    }

    private static Plan lockedPlan(Connection connection, PaymentTables t, List<String> nonTransactional) throws SQLException {
        List<Map<String, Object>> payments = select(connection, paymentsQuery(t, true), t.cancelled(), t.cancelled());
        List<Object> users = users(payments);
        Map<Object, Long> pointRows = users.isEmpty() ? Map.of() : countByUser(select(connection, pointRowsQuery(t, users.size(), true), users.toArray()));
        return new Plan(payments, pointRows, nonTransactional);
    }

    private static String paymentsQuery(PaymentTables t, boolean lock) {
        return "SELECT p." + t.paymentId() + " AS id, p." + t.reservationId() + " AS reservation_id, p." + t.userId() + " AS user_id, p."
                + t.amount() + " AS amount FROM " + t.paymentTable() + " p JOIN (SELECT " + t.reservationId() + " AS rid, MIN(" + t.paymentId()
                + ") AS keep_id FROM " + t.paymentTable() + " WHERE " + t.status() + " <> ? GROUP BY " + t.reservationId()
                + " HAVING COUNT(*) > 1) d ON d.rid = p." + t.reservationId() + " WHERE p." + t.status() + " <> ? AND p." + t.paymentId()
                + " <> d.keep_id ORDER BY p." + t.paymentId() + (lock ? " FOR UPDATE" : "");
    }

    private static String pointRowsQuery(PaymentTables t, int users, boolean lock) {
        StringJoiner marks = new StringJoiner(", ", "(", ")");
        for (int i = 0; i < users; i++) {
            marks.add("?");
        }
        return "SELECT " + t.userId() + " AS user_id FROM " + t.pointTable() + " WHERE " + t.userId() + " IN " + marks
                + " ORDER BY " + t.userId() + (lock ? " FOR UPDATE" : "");
    }

    private static Map<Object, Long> countByUser(List<Map<String, Object>> rows) {
        Map<Object, Long> out = new LinkedHashMap<>();
        rows.forEach(r -> out.merge(r.get("user_id"), 1L, Long::sum));
        return out;
    }

    private static List<Object> users(List<Map<String, Object>> payments) {
        return payments.stream().map(p -> p.get("user_id")).distinct().toList();
    }

    private static void expect(long expected, long actual, String what) {
        if (expected != actual) {
            throw new IllegalStateException("rolled back: " + what + " touched " + actual + " row(s), the preview showed " + expected);
        }
    }

    private static List<Map<String, Object>> select(Connection connection, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                return ReadOnlySql.read(rs);
            }
        }
    }

    private static long update(Connection connection, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
    }

    static String typeColumn(Args args) {
        return args.string("type_column", "type");
    }

    static String refundType(Args args) {
        return args.string("refund_type", "REFUND");
    }
}
