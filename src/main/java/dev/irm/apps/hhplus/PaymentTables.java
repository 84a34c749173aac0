package dev.irm.apps.hhplus;

import dev.irm.connector.Args;
import dev.irm.connector.Param;
import dev.irm.connector.mysql.SqlNames;
import java.util.List;

/**
 * The manuals' payment schema ({@code payment}, {@code point}, {@code point_history}) with every
 * table and column name overridable by runbook variables; each is validated and backtick-quoted.
 */
record PaymentTables(String schema, String payment, String point, String pointHistory, String paymentIdName, String reservationIdName,
                     String userIdName, String amountName, String statusName, String createdAtName, String balanceName,
                     String cancelled) {

    /** The parameters of the payment actions, with the manuals' defaults. */
    static List<Param> params() {
        return List.of(
                Param.optional("schema", "database of the tables (default: the URL's)").checkedBy(SqlNames::optionalIdentifier),
                identifier("payment_table", "payment"), identifier("point_table", "point"),
                identifier("point_history_table", "point_history"), identifier("id_column", "id"),
                identifier("reservation_column", "reservation_id"), identifier("user_column", "user_id"),
                identifier("amount_column", "amount"), identifier("status_column", "status"),
                identifier("created_column", "created_at"), identifier("balance_column", "balance"),
                Param.optional("cancelled_status", "status a cancelled payment gets (default CANCELLED)"));
    }

    private static Param identifier(String name, String fallback) {
        return Param.optional(name, "identifier (default " + fallback + ")").checkedBy(SqlNames::identifier);
    }

    static PaymentTables of(Args a) {
        PaymentTables t = new PaymentTables(a.string("schema", ""), a.string("payment_table", "payment"), a.string("point_table", "point"),
                a.string("point_history_table", "point_history"), a.string("id_column", "id"), a.string("reservation_column", "reservation_id"),
                a.string("user_column", "user_id"), a.string("amount_column", "amount"), a.string("status_column", "status"),
                a.string("created_column", "created_at"), a.string("balance_column", "balance"), a.string("cancelled_status", "CANCELLED"));
        SqlNames.optionalIdentifier(t.schema);
        for (String name : List.of(t.payment, t.point, t.pointHistory, t.paymentIdName, t.reservationIdName, t.userIdName, t.amountName,
                t.statusName, t.createdAtName, t.balanceName)) {
            SqlNames.identifier(name);
        }
        return t;
    }

    String paymentTable() {
        return SqlNames.table(schema, payment);
    }

    String pointTable() {
        return SqlNames.table(schema, point);
    }

    String pointHistoryTable() {
        return SqlNames.table(schema, pointHistory);
    }

    String paymentId() {
        return SqlNames.quote(paymentIdName);
    }

    String reservationId() {
        return SqlNames.quote(reservationIdName);
    }

    String userId() {
        return SqlNames.quote(userIdName);
    }

    String amount() {
        return SqlNames.quote(amountName);
    }

    String status() {
        return SqlNames.quote(statusName);
    }

    String createdAt() {
        return SqlNames.quote(createdAtName);
    }

    String balance() {
        return SqlNames.quote(balanceName);
    }
}
