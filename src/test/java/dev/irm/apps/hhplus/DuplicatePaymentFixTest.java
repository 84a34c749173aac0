package dev.irm.apps.hhplus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.irm.connector.Args;
import dev.irm.connector.mysql.HhplusDb;
import dev.irm.connector.mysql.ReadOnlySql;
import dev.irm.testing.MariaDbServer;
import java.sql.Connection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The payment fix against a real MariaDB: the apply writes only the rows its preview computed (end to end: MySqlRunbookTest). */
class DuplicatePaymentFixTest {
    private static MariaDbServer db;
    private static Connection root;

    @BeforeAll
    static void start() throws Exception {
        db = MariaDbServer.start();
        root = db.connect();
    }

    @AfterAll
    static void stop() throws Exception {
        root.close();
        db.close();
    }

    @Test
    void theFixRollsBackWhenTheDataChangedSinceThePreview() throws Exception {
        HhplusDb.reset(root);
        HhplusDb.injectPaymentFaults(root);
        Args args = Args.of("payment_table", "payment");
        try (Connection c = db.connect()) {
            HhplusDb.exec(c, "USE hhplus");
            DuplicatePaymentFix.Plan previewed = DuplicatePaymentFix.plan(new ReadOnlySql(c, true, 5000), args);
            assertEquals(3, previewed.cancelled());
            HhplusDb.exec(c, "SET SESSION TRANSACTION READ WRITE");
            HhplusDb.exec(root, "INSERT INTO hhplus.payment (reservation_id, user_id, amount, status) VALUES (12, 3, 40000, 'COMPLETED')");
            String before = HhplusDb.checksum(root);
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> DuplicatePaymentFix.apply(c, args, previewed));
            assertTrue(refused.getMessage().startsWith("refused, nothing changed: the data changed since the preview"), refused.getMessage());
            assertEquals(before, HhplusDb.checksum(root));
            assertThrows(IllegalStateException.class, () -> DuplicatePaymentFix.apply(c, args, null), "no preview, no change");
            assertEquals(before, HhplusDb.checksum(root));
        }
    }
}
