package dev.irm.connector.mysql;

import dev.irm.testing.MariaDbServer;
import java.sql.Connection;

/** For bench/: public doors to {@link HhplusDb}, the tests' schema and fault injectors. */
public final class HhplusSeeds {
    private HhplusSeeds() {
    }

    /** The manuals' schema with the payment faults: reservation 10 paid three times, a PENDING payment 10 minutes old. */
    public static void paymentFaults(Connection root) throws Exception {
        HhplusDb.reset(root);
        HhplusDb.injectPaymentFaults(root);
    }

    /** The JDBC URL of the hhplus database. */
    public static String url(MariaDbServer db) {
        return HhplusDb.url(db);
    }
}
