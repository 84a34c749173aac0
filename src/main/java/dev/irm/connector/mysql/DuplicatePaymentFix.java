package dev.irm.connector.mysql;

import dev.irm.connector.Args;
import dev.irm.connector.Observation;
import dev.irm.connector.Preview;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cancels the later payments of each reservation paid more than once (the one with the lowest id
 * is kept) and refunds their amounts: {@code UPDATE point} plus an {@code INSERT INTO point_history}
 * of type REFUND per payment, all in ONE transaction. The preview runs exactly that transaction,
 * counts the rows per table and rolls back; the apply commits only if it touches the same payments
 * with the same counts, and rolls back otherwise.
 */
final class DuplicatePaymentFix {
    /** What one run of the transaction did. */
    record Outcome(List<Map<String, Object>> payments, long cancelled, long pointsUpdated, long historyInserted, BigDecimal refunded) {
        boolean sameAs(Outcome o) {
            return o != null && ids().equals(o.ids()) && cancelled == o.cancelled && pointsUpdated == o.pointsUpdated
                    && historyInserted == o.historyInserted && refunded.compareTo(o.refunded) == 0;
        }

        List<Object> ids() {
            return payments.stream().map(p -> p.get("id")).toList();
        }

        Map<String, Object> metrics(boolean committed) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("payments_cancelled", cancelled);
            m.put("points_updated", pointsUpdated);
            m.put("history_inserted", historyInserted);
            m.put("refunded_amount", refunded.stripTrailingZeros().scale() <= 0 ? (Object) refunded.longValue() : (Object) refunded.doubleValue());
            m.put("committed", committed);
            return m;
        }
    }

    private DuplicatePaymentFix() {
    }

    /** The preview of a rehearsal ({@code run(connection, args, null)}, which always rolls back). */
    static Preview preview(Outcome o, Args args, MySqlEndpoint endpoint) {
        PaymentTables t = PaymentTables.of(args);
        String history = t.pointHistory();
        String command = "in one transaction on " + endpoint + ": UPDATE " + t.payment() + " SET " + t.statusName() + " = '" + t.cancelled()
                + "' for the later duplicates; UPDATE " + t.point() + " SET " + t.balanceName() + " = " + t.balanceName() + " + amount per user; "
                + "INSERT INTO " + history + " (" + t.userIdName() + ", " + t.amountName() + ", " + typeColumn(args) + ") ... '" + refundType(args) + "'";
        String radius = o.cancelled() + " payment(s) cancelled, " + o.pointsUpdated() + " " + t.point() + " row(s) refunded with "
                + o.refunded().toPlainString() + " in total, " + o.historyInserted() + " " + history + " row(s) inserted "
                + "(rehearsed in a transaction and rolled back; the apply commits only if the counts are the same)";
        return new Preview(command, radius, o.cancelled(), o.payments(), null);
    }

    /** Commits only when the transaction does exactly what the preview showed. */
    static Observation apply(Connection connection, Args args, Outcome previewed) throws SQLException {
        if (previewed == null) {
            throw new IllegalStateException("no preview of this fix in this session: nothing is changed without one");
        }
        Outcome o = run(connection, args, previewed);
        if (!o.sameAs(previewed)) {
            throw new IllegalStateException("rolled back: the data changed since the preview (preview " + previewed.metrics(false)
                    + ", now " + o.metrics(false) + "); run the runbook again");
        }
        return Observation.of(o.metrics(true), o.payments());
    }

    /** Runs the transaction; commits only if {@code commitIfSame} matches, else rolls back. */
    static Outcome run(Connection connection, Args args, Outcome commitIfSame) throws SQLException {
        PaymentTables t = PaymentTables.of(args);
        connection.setAutoCommit(false);
        boolean committed = false;
        try {
            List<Map<String, Object>> payments;
            try (PreparedStatement ps = connection.prepareStatement("SELECT p." + t.paymentId() + " AS id, p." + t.reservationId()
                    + " AS reservation_id, p." + t.userId() + " AS user_id, p." + t.amount() + " AS amount FROM " + t.paymentTable() + " p JOIN (SELECT "
                    + t.reservationId() + " AS rid, MIN(" + t.paymentId() + ") AS keep_id FROM " + t.paymentTable() + " WHERE " + t.status()
                    + " <> ? GROUP BY " + t.reservationId() + " HAVING COUNT(*) > 1) d ON d.rid = p." + t.reservationId() + " WHERE p."
                    + t.status() + " <> ? AND p." + t.paymentId() + " <> d.keep_id ORDER BY p." + t.paymentId() + " FOR UPDATE")) {
                ps.setString(1, t.cancelled());
                ps.setString(2, t.cancelled());
                try (ResultSet rs = ps.executeQuery()) {
                    payments = ReadOnlySql.read(rs);
                }
            }
            long cancelled = 0;
            long points = 0;
            long history = 0;
            BigDecimal refunded = BigDecimal.ZERO;
            for (Map<String, Object> p : payments) {
                Object amount = p.get("amount");
                Object user = p.get("user_id");
                cancelled += update(connection, "UPDATE " + t.paymentTable() + " SET " + t.status() + " = ? WHERE " + t.paymentId() + " = ? AND "
                        + t.status() + " <> ?", t.cancelled(), p.get("id"), t.cancelled());
                points += update(connection, "UPDATE " + t.pointTable() + " SET " + t.balance() + " = " + t.balance() + " + ? WHERE "
                        + t.userId() + " = ?", amount, user);
                history += update(connection, "INSERT INTO " + t.pointHistoryTable() + " (" + t.userId() + ", " + t.amount() + ", "
                        + SqlNames.quote(typeColumn(args)) + ") VALUES (?, ?, ?)", user, amount, refundType(args));
                refunded = refunded.add(new BigDecimal(String.valueOf(amount)));
            }
            Outcome outcome = new Outcome(payments, cancelled, points, history, refunded);
            if (commitIfSame != null && outcome.sameAs(commitIfSame)) {
                connection.commit();
                committed = true;
            }
            return outcome;
        } finally {
            if (!committed) {
                connection.rollback();
            }
            connection.setAutoCommit(true);
        }
    }

    private static long update(Connection connection, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        }
    }

    static String typeColumn(Args args) {
        return args.string("type_column", "type");
    }

    static String refundType(Args args) {
        return args.string("refund_type", "REFUND");
    }
}
