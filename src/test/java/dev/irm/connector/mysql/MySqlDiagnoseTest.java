package dev.irm.connector.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.testing.FreePorts;
import dev.irm.testing.IrmCli;
import dev.irm.testing.MariaDbServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code irm diagnose mysql} against one real MariaDB with the faults injected one at a time. */
class MySqlDiagnoseTest {
    /** Liveness guard only (no hang); speed is measured in bench/, not asserted here. */
    private static final Duration NO_HANG = Duration.ofSeconds(20);
    private static final String IRM_PASSWORD = "Diag-s3cret-pw";

    private static MariaDbServer db;
    private static Connection root;

    @BeforeAll
    static void start() throws Exception {
        db = MariaDbServer.start();
        root = db.connect();
        HhplusDb.createUser(root, "irm", IRM_PASSWORD);
        HhplusDb.createUser(root, "app", "app-pw");
    }

    @AfterAll
    static void stop() throws Exception {
        root.close();
        db.close();
    }

    @BeforeEach
    void freshData() throws Exception {
        HhplusDb.reset(root);
    }

    private IrmCli.Result diagnose(String... extra) {
        List<String> args = new ArrayList<>(List.of("diagnose", "mysql", "-o", "json", "--mysql", HhplusDb.url(db)));
        args.addAll(List.of(extra));
        return assertTimeoutPreemptively(NO_HANG, () -> new IrmCli().run(args.toArray(String[]::new)));
    }

    @Test
    void healthyDatabaseIsOkWithBothRunbooksChecks() {
        IrmCli.Result r = diagnose();
        assertEquals(0, r.code(), r.toString());
        for (String id : List.of("mysql.reachable", "mysql.connections", "mysql.sessions", "mysql.long-queries", "mysql.lock-waits",
                "mysql.duplicate-payments", "mysql.stale-payments", "mysql.double-confirmed-seats")) {
            assertEquals("OK", r.check(id).path("status").asText(), id + ": " + r.out());
        }
        assertEquals(0, r.json().path("findings").size(), r.out());
        assertEquals("", r.err());
    }

    @Test
    void tablesThatDoNotExistAreSkippedNotOk() throws Exception {
        IrmCli.Result r = new IrmCli().run("diagnose", "mysql", "-o", "json", "--mysql", db.jdbcUrl());
        assertEquals(0, r.code(), r.toString());
        assertEquals("SKIPPED", r.check("mysql.duplicate-payments").path("status").asText(), r.out());
        assertEquals("SKIPPED", r.check("mysql.double-confirmed-seats").path("status").asText(), r.out());
    }

    @Test
    void duplicatePaymentsAreCriticalAndStalePendingIsAWarning() throws Exception {
        HhplusDb.injectPaymentFaults(root);
        HhplusDb.exec(root, "INSERT INTO hhplus.seat_hold (seat_id, user_id, status) VALUES (100, 2, 'CONFIRMED')");
        IrmCli.Result r = diagnose();
        assertEquals(2, r.code(), r.toString());
        JsonNode dup = r.check("mysql.duplicate-payments");
        assertEquals("CRITICAL", dup.path("status").asText(), dup.toString());
        assertEquals("payment-duplicates", dup.path("runbook").asText());
        assertEquals(2, dup.path("metrics").path("duplicate_groups").asLong(), dup.toString());
        assertEquals(3, dup.path("metrics").path("duplicate_rows").asLong(), dup.toString());
        assertEquals(85000, dup.path("metrics").path("duplicate_amount").asLong(), dup.toString());
        JsonNode stale = r.check("mysql.stale-payments");
        assertEquals("WARNING", stale.path("status").asText(), stale.toString());
        assertEquals(1, stale.path("metrics").path("stale").asLong(), "the fresh PENDING payment is not stale: " + stale);
        assertEquals("CRITICAL", r.check("mysql.double-confirmed-seats").path("status").asText());
        assertEquals("CRITICAL", r.json().path("findings").get(0).path("severity").asText());
    }

    @Test
    void tooManyConnectionsIsACriticalFindingNamingDbPoolExhaustion() throws Exception {
        List<Connection> fillers = new ArrayList<>();
        HhplusDb.exec(root, "SET GLOBAL max_connections = 10");
        try {
            // root's setup connection is one of the 10: an ordinary user gets 9
            for (int i = 0; i < 7; i++) {
                fillers.add(db.connect("app", "app-pw"));
            }
            IrmCli.Result nearlyFull = new IrmCli().env("IRM_MYSQL_PASSWORD", IRM_PASSWORD)
                    .run("diagnose", "mysql", "-o", "json", "--mysql", HhplusDb.url(db), "--mysql-user", "irm");
            assertEquals(2, nearlyFull.code(), nearlyFull.toString());
            JsonNode connections = nearlyFull.check("mysql.connections");
            assertEquals("CRITICAL", connections.path("status").asText(), connections.toString());
            assertEquals(90.0, connections.path("metrics").path("connections_pct").asDouble(), connections.toString());
            assertEquals("db-pool-exhaustion", connections.path("runbook").asText());
            assertEquals("WARNING", nearlyFull.check("mysql.sessions").path("status").asText(), "app holds 7 of 10");

            fillers.add(db.connect("app", "app-pw"));
            fillers.add(db.connect("app", "app-pw"));
            assertEquals(1040, assertThrows(SQLException.class, () -> db.connect("app", "app-pw")).getErrorCode());
            IrmCli.Result full = assertTimeoutPreemptively(NO_HANG, () -> new IrmCli().env("IRM_MYSQL_PASSWORD", IRM_PASSWORD)
                    .run("diagnose", "mysql", "-o", "json", "--mysql", HhplusDb.url(db), "--mysql-user", "irm"));
            assertEquals(2, full.code(), full.toString());
            JsonNode reachable = full.check("mysql.reachable");
            assertEquals("CRITICAL", reachable.path("status").asText());
            assertEquals("db-pool-exhaustion", reachable.path("runbook").asText());
            assertTrue(reachable.path("summary").asText().contains("error 1040: too many connections"), reachable.toString());
            assertEquals("db-pool-exhaustion", full.json().path("findings").get(0).path("runbook").asText());
            assertFalse(full.out().contains(IRM_PASSWORD) || full.err().contains(IRM_PASSWORD));
            assertEquals("", full.err());
        } finally {
            for (Connection c : fillers) {
                c.close();
            }
            HhplusDb.exec(root, "SET GLOBAL max_connections = 151");
        }
    }

    @Test
    void longQueriesAndLockWaitsAreWarnings() throws Exception {
        ExecutorService background = Executors.newFixedThreadPool(3);
        List<Connection> sessions = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                Connection c = db.connect("app", "app-pw");
                sessions.add(c);
                background.submit(() -> HhplusDb.query(c, "SELECT SLEEP(30)"));
            }
            Connection holder = db.connect();
            sessions.add(holder);
            holder.setAutoCommit(false);
            HhplusDb.query(holder, "SELECT * FROM hhplus.payment WHERE id = 1 FOR UPDATE");
            Connection waiter = db.connect();
            sessions.add(waiter);
            HhplusDb.exec(waiter, "SET SESSION innodb_lock_wait_timeout = 30");
            background.submit(() -> HhplusDb.query(waiter, "SELECT * FROM hhplus.payment WHERE id = 1 FOR UPDATE"));
            awaitLongQueries(2, 5);

            IrmCli.Result r = diagnose();
            assertEquals(1, r.code(), r.toString());
            JsonNode longQueries = r.check("mysql.long-queries");
            assertEquals("WARNING", longQueries.path("status").asText(), longQueries.toString());
            assertEquals("db-pool-exhaustion", longQueries.path("runbook").asText());
            assertTrue(longQueries.path("metrics").path("count").asLong() >= 2, longQueries.toString());
            JsonNode locks = r.check("mysql.lock-waits");
            assertEquals("WARNING", locks.path("status").asText(), locks.toString());
            assertEquals(1, locks.path("metrics").path("waits").asLong(), locks.toString());

            String before = HhplusDb.checksum(root);
            IrmCli cli = new IrmCli();
            IrmCli.Result dry = cli.run("run", "db-pool-exhaustion", "--dry-run", "-o", "json", "--mysql", HhplusDb.url(db));
            JsonNode kill = dry.json().path("mitigations").get(0);
            assertEquals("kill_long_queries", kill.path("step").asText(), dry.out());
            assertEquals("DRY_RUN", kill.path("decision").asText());
            assertTrue(kill.path("affected").asLong() >= 2, kill.toString());
            assertTrue(kill.path("blastRadius").asText().contains("SLEEP(30)"), "the preview lists each query: " + kill);
            assertEquals(before, HhplusDb.checksum(root));
            assertEquals(2, countSleepers(), "a dry run kills nothing");

            String picked = HhplusDb.query(root, "SELECT MIN(ID) FROM information_schema.PROCESSLIST WHERE INFO = 'SELECT SLEEP(30)'")
                    .get(0).get(0).toString();
            IrmCli.Result one = cli.run("run", "db-pool-exhaustion", "--yes", "--step", "kill_long_queries", "--set", "kill_ids=" + picked,
                    "-o", "json", "--mysql", HhplusDb.url(db));
            JsonNode oneDone = one.json().path("mitigations").get(0);
            assertEquals("EXECUTED", oneDone.path("decision").asText(), one.out());
            assertEquals(1, oneDone.path("result").path("killed").asLong(), "only the picked id: " + oneDone);
            assertEquals(1, countSleepers());

            IrmCli.Result killed = cli.run("run", "db-pool-exhaustion", "--yes", "--step", "kill_long_queries", "-o", "json",
                    "--mysql", HhplusDb.url(db));
            JsonNode done = killed.json().path("mitigations").get(0);
            assertEquals("EXECUTED", done.path("decision").asText(), killed.out());
            assertTrue(done.path("result").path("killed").asLong() >= 1, done.toString());
            assertEquals(0, countSleepers());
        } finally {
            background.shutdownNow();
            for (Connection c : sessions) {
                c.close();
            }
        }
    }

    private static long countSleepers() throws SQLException {
        return Long.parseLong(HhplusDb.query(root, "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO = 'SELECT SLEEP(30)' "
                + "AND COMMAND <> 'Killed'").get(0).get(0).toString());
    }

    private static void awaitLongQueries(int count, int seconds) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            String n = HhplusDb.query(root, "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE COMMAND <> 'Sleep' AND TIME > "
                    + seconds + " AND ID <> CONNECTION_ID()").get(0).get(0).toString();
            if (Long.parseLong(n) >= count) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the sleeping queries never passed " + seconds + " s");
    }

    @Test
    void diagnosticsAndDryRunsChangeNothing() throws Exception {
        HhplusDb.injectPaymentFaults(root);
        String before = HhplusDb.checksum(root);
        IrmCli cli = new IrmCli();
        cli.run("diagnose", "mysql", "--mysql", HhplusDb.url(db));
        cli.run("run", "payment-duplicates", "--dry-run", "--mysql", HhplusDb.url(db));
        cli.run("run", "db-pool-exhaustion", "--dry-run", "--mysql", HhplusDb.url(db));
        assertEquals(before, HhplusDb.checksum(root));
    }

    @Test
    void theReadDoorRefusesWritesEvenWhenCalledDirectly() throws Exception {
        try (Connection c = db.connect()) {
            ReadOnlySql sql = new ReadOnlySql(c, true, 900);
            for (String bad : List.of("SET GLOBAL read_only = ON", "KILL 1", "SELECT 1; DROP TABLE hhplus.payment",
                    "SELECT * FROM hhplus.payment FOR UPDATE", "DELETE FROM hhplus.payment")) {
                assertThrows(IllegalArgumentException.class, () -> sql.rows(bad), bad);
            }
            // the session itself refuses a write that slipped past: read-only transaction, error 1792
            SQLException refused = assertThrows(SQLException.class, () -> HhplusDb.exec(c, "UPDATE hhplus.payment SET amount = 1"));
            assertEquals(1792, refused.getErrorCode(), refused.getMessage());
            assertEquals(3, sql.rows("SELECT id FROM hhplus.payment WHERE status = ?", "COMPLETED").size());
        }
        assertEquals("0", HhplusDb.query(root, "SELECT @@global.read_only").get(0).get(0));
    }

    @Test
    void stoppedServerAndBlackHoleAreCriticalFindingsWithinSeconds() throws Exception {
        int closed = FreePorts.next();
        IrmCli.Result refused = assertTimeoutPreemptively(NO_HANG, () -> new IrmCli().run("diagnose", "mysql", "-o", "json",
                "--mysql", "jdbc:mysql://127.0.0.1:" + closed + "/hhplus"));
        assertEquals(2, refused.code(), refused.toString());
        JsonNode reachable = refused.check("mysql.reachable");
        assertTrue(reachable.path("summary").asText().contains("connection refused"), reachable.toString());
        assertTrue(reachable.path("runbook").isMissingNode() || reachable.path("runbook").isNull(), "no runbook handles a dead MySQL yet");
        assertEquals("", refused.err());
        try (FreePorts.BlackHole hole = FreePorts.blackHolePort()) {
            IrmCli.Result silent = assertTimeoutPreemptively(NO_HANG, () -> new IrmCli().run("diagnose", "mysql", "-o", "json",
                    "--mysql", "jdbc:mysql://127.0.0.1:" + hole.port() + "/"));
            assertEquals(2, silent.code(), silent.toString());
            assertTrue(silent.check("mysql.reachable").path("summary").asText().contains("timeout"), silent.out());
        }
    }

    @Test
    void passwordWorksAndIsNeverShownOrRecorded() throws Exception {
        IrmCli cli = new IrmCli().env("IRM_MYSQL_PASSWORD", IRM_PASSWORD).env("IRM_MYSQL_USER", "irm");
        IrmCli.Result ok = cli.run("diagnose", "mysql", "-o", "json", "--mysql", HhplusDb.url(db));
        assertEquals(0, ok.code(), ok.toString());
        assertTrue(ok.out().contains("jdbc:mysql://irm:***@127.0.0.1:" + db.port() + "/hhplus"), ok.out());
        IrmCli.Result run = cli.run("run", "payment-duplicates", "--dry-run", "-o", "json", "--mysql", HhplusDb.url(db));
        IrmCli.Result wrong = new IrmCli().env("IRM_MYSQL_PASSWORD", "Wrong-pw-123").run("diagnose", "mysql", "-o", "json",
                "--mysql", HhplusDb.url(db), "--mysql-user", "irm");
        assertEquals(2, wrong.code(), wrong.toString());
        assertTrue(wrong.check("mysql.reachable").path("summary").asText().contains("auth failed"), wrong.out());
        for (IrmCli.Result r : List.of(ok, run, wrong)) {
            assertFalse(r.out().contains(IRM_PASSWORD) || r.err().contains(IRM_PASSWORD) || r.out().contains("Wrong-pw-123"), r.toString());
        }
        assertFalse(cli.records().isEmpty());
        for (Path record : cli.records()) {
            assertFalse(Files.readString(record).contains(IRM_PASSWORD), record.toString());
        }
    }
}
