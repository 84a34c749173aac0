package dev.irm.connector.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.testing.IrmCli;
import dev.irm.testing.MariaDbServer;
import dev.irm.testing.RedisServer;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.Jedis;

/**
 * Issue 11 item 1 on a real MariaDB: the preview of the duplicate-payment fix computes and never
 * executes, so a dry run and a refused run leave transactional (InnoDB) and non-transactional
 * (Aria) tables alike with the same CHECKSUM TABLE and the same AUTO_INCREMENT; a confirmed run
 * then writes exactly what was previewed.
 */
class PaymentFixEnginesTest {
    private static final List<String> FIX_TABLES = List.of("payment", "point", "point_history");
    private static MariaDbServer db;
    private static RedisServer redis;
    private static Connection root;

    @BeforeAll
    static void start() throws Exception {
        db = MariaDbServer.start();
        redis = RedisServer.start();
        root = db.connect();
    }

    @AfterAll
    static void stop() throws Exception {
        root.close();
        db.close();
        redis.close();
    }

    /** Checksums, AUTO_INCREMENT of every table and the Redis digest. */
    private static String state() throws Exception {
        StringBuilder out = new StringBuilder(HhplusDb.checksum(root));
        for (List<Object> row : HhplusDb.query(root, "SELECT TABLE_NAME, ENGINE, AUTO_INCREMENT FROM information_schema.TABLES "
                + "WHERE TABLE_SCHEMA = 'hhplus' ORDER BY TABLE_NAME")) {
            out.append(' ').append(row);
        }
        out.append(" redis=").append(redis.digest());
        return out.toString();
    }

    /** The rows the record's {@code mitigation.previewed} event showed. */
    private static JsonNode previewedSample(java.nio.file.Path record) throws Exception {
        for (String line : java.nio.file.Files.readAllLines(record)) {
            JsonNode event = dev.irm.support.Json.MAPPER.readTree(line);
            if (event.path("event").asText().equals("mitigation.previewed")) {
                return event.path("data").path("sample");
            }
        }
        throw new AssertionError("no preview in " + record);
    }

    private static IrmCli.Result run(IrmCli cli, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--mysql", HhplusDb.url(db), "--redis", redis.url(), "-o", "json"));
        return cli.run(all.toArray(String[]::new));
    }

    @ParameterizedTest
    @ValueSource(strings = {"InnoDB", "Aria", "MyISAM"})
    void previewAndRefusalChangeNothingAndTheFixDoesExactlyThePreview(String engine) throws Exception {
        HhplusDb.reset(root);
        for (String table : FIX_TABLES) {
            HhplusDb.exec(root, "ALTER TABLE hhplus." + table + " ENGINE=" + engine);
        }
        // the test's own faults: reservation 12 paid three times by user 3 (4,100 each), 11 twice by user 2 (777)
        HhplusDb.exec(root, "INSERT INTO hhplus.payment (reservation_id, user_id, amount, status) VALUES (12, 3, 4100, 'COMPLETED'), "
                + "(12, 3, 4100, 'COMPLETED'), (11, 2, 777, 'COMPLETED'), (13, 1, 900, 'PENDING')");
        try (Jedis jedis = redis.client()) {
            jedis.flushDB();
            jedis.set("reservation:payment:lock:12", "owner-b");
        }
        String before = state();
        assertTrue(before.contains(engine), before);
        IrmCli cli = new IrmCli();

        IrmCli.Result dry = run(cli, "run", "payment-duplicates", "--dry-run", "--set", "lock_reservation_id=12");
        assertEquals(2, dry.code(), dry.toString());
        JsonNode preview = dry.json().path("mitigations").get(0);
        assertEquals("DRY_RUN", preview.path("decision").asText(), dry.out());
        String radius = preview.path("blastRadius").asText();
        assertTrue(radius.contains("3 payment(s) cancelled, 3 point row(s) refunded with 8977 in total (user 3 +8200, user 2 +777), "
                + "3 point_history row(s) inserted (computed with SELECTs, nothing executed"), radius);
        assertEquals(engine.equals("InnoDB"), !radius.contains("not transactional"), radius);
        assertEquals(before, state(), "dry run on " + engine);

        IrmCli.Result refused = run(cli, "run", "payment-duplicates", "--set", "lock_reservation_id=12");
        assertEquals(4, refused.code(), refused.toString());
        assertEquals("REFUSED", refused.json().path("mitigations").get(0).path("decision").asText(), refused.out());
        assertEquals(before, state(), "refused run on " + engine);

        List<Object> historyIdsBefore = HhplusDb.query(root, "SELECT AUTO_INCREMENT FROM information_schema.TABLES "
                + "WHERE TABLE_SCHEMA = 'hhplus' AND TABLE_NAME = 'point_history'").get(0);
        IrmCli.Result fixed = run(cli, "run", "payment-duplicates", "--yes", "--step", "cancel_duplicates");
        JsonNode fix = fixed.json().path("mitigations").get(0);
        assertEquals("EXECUTED", fix.path("decision").asText(), fixed.out());
        JsonNode previewedRows = previewedSample(cli.records().get(0));
        assertEquals(previewedRows, previewedSample(cli.records().get(cli.records().size() - 1)), "the fix acts on the dry run's payments");
        assertEquals(3, fix.path("result").path("payments_cancelled").asLong(), fix.toString());
        assertEquals(8977, fix.path("result").path("refunded_amount").asLong(), fix.toString());
        List<List<Object>> cancelled = HhplusDb.query(root, "SELECT id FROM hhplus.payment WHERE status = 'CANCELLED' ORDER BY id");
        List<List<Object>> previewedIds = new ArrayList<>();
        previewedRows.forEach(p -> previewedIds.add(List.of(p.path("id").asText())));
        assertEquals(previewedIds, cancelled);
        assertEquals(List.of(List.of("1", "100000"), List.of("2", "50777"), List.of("3", "78200")),
                HhplusDb.query(root, "SELECT user_id, balance FROM hhplus.point ORDER BY user_id"));
        assertEquals(List.of(List.of("3", "4100", "REFUND"), List.of("3", "4100", "REFUND"), List.of("2", "777", "REFUND")),
                HhplusDb.query(root, "SELECT user_id, amount, type FROM hhplus.point_history ORDER BY id"));
        long nextId = Long.parseLong(String.valueOf(historyIdsBefore.get(0)));
        assertEquals(List.of(List.of(String.valueOf(nextId + 3))), HhplusDb.query(root, "SELECT AUTO_INCREMENT FROM information_schema.TABLES "
                + "WHERE TABLE_SCHEMA = 'hhplus' AND TABLE_NAME = 'point_history'"), "exactly three ids used, none burnt");
        try (Jedis jedis = redis.client()) {
            assertEquals("owner-b", jedis.get("reservation:payment:lock:12"), "--step ran only the payment fix");
        }
    }
}
