package dev.irm.lab.faults;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;

/**
 * payment-duplicates: one reservation of a lab-only user paid twice: the app's race switch pays it from
 * two threads at once without the payment lock (/payment/duplicate), both COMPLETED.
 */
final class PaymentDuplicates implements Fault {
    /** Ids no seed row uses, so heal removes exactly what the fault made. */
    static final long RESERVATION = 90_001;
    static final long USER = 90_001;

    public String runbook() {
        return "payment-duplicates";
    }

    public String expected() {
        return "CRITICAL";
    }

    public String how() {
        return "reservation " + RESERVATION + " paid twice by the app's race (POST /lab/faults/payment/duplicate)";
    }

    public Map<String, String> inject(LabAccess lab) throws Exception {
        try (Connection db = lab.database()) {
            update(db, "INSERT INTO reservation (id, user_id, seat_id, status) VALUES (?, ?, ?, 'TEMPORARY')"
                    + " ON DUPLICATE KEY UPDATE status = 'TEMPORARY'", RESERVATION, USER, RESERVATION);
            update(db, "INSERT INTO point (user_id, balance) VALUES (?, 100000) ON DUPLICATE KEY UPDATE balance = 100000", USER);
        }
        lab.app().fault("/payment/duplicate?reservationId=" + RESERVATION + "&userId=" + USER + "&amount=1000");
        return Map.of();
    }

    public void heal(LabAccess lab, Map<String, String> remembered) throws Exception {
        try (Connection db = lab.database()) {
            update(db, "DELETE FROM payment WHERE reservation_id = ?", RESERVATION);
            update(db, "DELETE FROM point_history WHERE user_id = ?", USER);
            update(db, "DELETE FROM point WHERE user_id = ?", USER);
            update(db, "DELETE FROM reservation WHERE id = ?", RESERVATION);
        }
    }

    private static void update(Connection db, String sql, long... values) throws Exception {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setLong(i + 1, values[i]);
            }
            s.executeUpdate();
        }
    }
}
