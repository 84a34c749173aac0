package dev.irm.apps.hhplus;

import dev.irm.connector.Actions;
import dev.irm.connector.Param;
import dev.irm.connector.ParamType;
import dev.irm.connector.Risk;
import dev.irm.connector.mysql.MySqlActionProvider;
import dev.irm.connector.mysql.MySqlSession;
import dev.irm.connector.mysql.MySqlWriter;
import dev.irm.connector.mysql.SqlNames;
import java.util.stream.Stream;

/**
 * The reference app's (lab/hhplus-app) consistency actions on the mysql target: duplicate and stale
 * payments, double-confirmed seats and the duplicate-payment fix. Every table and column name is a
 * parameter with the app's default, so another schema of the same shape can use them.
 */
public final class HhplusActions implements MySqlActionProvider {
    private static final Actions<MySqlSession, MySqlWriter> ACTIONS = Actions.<MySqlSession, MySqlWriter>of(TARGET)
            .read("duplicate-payments", "reservations with more than one payment that is not cancelled",
                    (s, a) -> PaymentReads.duplicatePayments(s.sql(), a), PaymentTables.params().toArray(Param[]::new))
            .read("stale-payments", "payments still PENDING after N minutes", (s, a) -> PaymentReads.stalePayments(s.sql(), a),
                    Stream.concat(PaymentTables.params().stream(),
                            Stream.of(Param.optional("minutes", "age in minutes (default 5)").as(ParamType.INTEGER),
                                    Param.optional("pending_status", "status of a payment in flight (default PENDING)"))).toArray(Param[]::new))
            .read("double-confirmed-seats", "seats held CONFIRMED more than once", (s, a) -> PaymentReads.doubleConfirmedSeats(s.sql(), a),
                    Param.optional("schema", "database (default: the URL's)").checkedBy(SqlNames::optionalIdentifier),
                    Param.optional("seat_hold_table", "identifier (default seat_hold)").checkedBy(SqlNames::identifier),
                    Param.optional("seat_column", "identifier (default seat_id)").checkedBy(SqlNames::identifier),
                    Param.optional("status_column", "identifier (default status)").checkedBy(SqlNames::identifier),
                    Param.optional("confirmed_status", "status value (default CONFIRMED)"))
            .write(DuplicatePaymentFix.ACTION, Risk.MEDIUM, "one transaction: cancel the later duplicate payments, refund their points "
                            + "(UPDATE point + INSERT point_history REFUND); the preview computes it with SELECTs only",
                    DuplicatePaymentFix::preview, DuplicatePaymentFix::apply,
                    Stream.concat(PaymentTables.params().stream(), Stream.of(
                            Param.optional("type_column", "identifier of point_history's type (default type)").checkedBy(SqlNames::identifier),
                            Param.optional("refund_type", "type value of a refund (default REFUND)"))).toArray(Param[]::new));

    @Override
    public Actions<MySqlSession, MySqlWriter> actions() {
        return ACTIONS;
    }
}
