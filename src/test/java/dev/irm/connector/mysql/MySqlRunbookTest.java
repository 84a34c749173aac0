package dev.irm.connector.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.testing.IrmCli;
import dev.irm.testing.MariaDbServer;
import dev.irm.testing.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** {@code irm run payment-duplicates} / {@code db-pool-exhaustion}: consent, dry run, the one-transaction fix, injection, allow-list at load. */
class MySqlRunbookTest {
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

    @BeforeEach
    void freshData() throws Exception {
        HhplusDb.reset(root);
        HhplusDb.injectPaymentFaults(root);
        try (Jedis jedis = redis.client()) {
            jedis.flushDB();
            jedis.set("reservation:payment:lock:10", "owner-a");
        }
    }

    private IrmCli.Result run(IrmCli cli, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--mysql", HhplusDb.url(db), "--redis", redis.url()));
        return cli.run(all.toArray(String[]::new));
    }

    @Test
    void dryRunComputesTheFixWithoutExecutingIt() throws Exception {
        String before = HhplusDb.checksum(root);
        IrmCli cli = new IrmCli();
        IrmCli.Result r = run(cli, "run", "payment-duplicates", "--dry-run", "-o", "json");
        assertEquals(2, r.code(), r.toString());
        JsonNode fix = r.json().path("mitigations").get(0);
        assertEquals("cancel_duplicates", fix.path("step").asText(), r.out());
        assertEquals("DRY_RUN", fix.path("decision").asText());
        assertEquals(3, fix.path("affected").asLong(), fix.toString());
        assertTrue(fix.path("blastRadius").asText().contains("3 payment(s) cancelled, 3 point row(s) refunded with 85000 in total "
                + "(user 1 +60000, user 2 +25000), 3 point_history row(s) inserted"), fix.toString());
        assertEquals("WARNING", stepCheck(r, "redis.payment-locks").path("status").asText(), "lock key without TTL: " + r.out());
        assertEquals(before, HhplusDb.checksum(root));
        assertEquals(1, cli.records().size());
    }

    @Test
    void withoutTerminalOrYesNothingChangesAndExitIs4() throws Exception {
        String before = HhplusDb.checksum(root);
        IrmCli.Result r = run(new IrmCli(), "run", "payment-duplicates", "-o", "json");
        assertEquals(4, r.code(), r.toString());
        assertEquals("REFUSED", r.json().path("mitigations").get(0).path("decision").asText(), r.out());
        assertEquals(before, HhplusDb.checksum(root));
    }

    @Test
    void declinedAtATerminalChangesNothingAndExitsWith4() throws Exception {
        String before = HhplusDb.checksum(root);
        Path home = Files.createTempDirectory("irm-tty");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = "stty cols 120 rows 40; exec " + javaBin + " -cp " + System.getProperty("java.class.path") + " dev.irm.Main run "
                + "payment-duplicates --mysql " + HhplusDb.url(db) + " --redis " + redis.url();
        Path output = home.resolve("tty.out");
        ProcessBuilder pb = new ProcessBuilder("script", "-qec", command, "/dev/null").redirectErrorStream(true)
                .redirectOutput(output.toFile());
        pb.environment().put("XDG_STATE_HOME", home.resolve("state").toString());
        pb.environment().put("IRM_CONFIG", home.resolve("config.yaml").toString());
        Process p = pb.start();
        try (var in = p.getOutputStream()) {
            // guided mode: Enter runs each step, marks manual steps done, and answers "Run it? [y/N]" with the default No
            in.write("\r".repeat(40).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        boolean ended = p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
        if (!ended) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        String out = Files.readString(output);
        assertTrue(ended, "guided run did not end: " + out);
        assertTrue(out.contains("Run it?") && out.contains("[y/N]"), "asked at the terminal: " + out);
        assertEquals(4, p.exitValue(), out);
        assertEquals(before, HhplusDb.checksum(root));
    }

    @Test
    void confirmedFixCancelsExactlyTheDuplicatesAndRefundsExactlyTheirAmounts() throws Exception {
        List<List<Object>> originals = HhplusDb.query(root, "SELECT id FROM hhplus.payment WHERE id <= 3 ORDER BY id");
        IrmCli cli = new IrmCli();
        IrmCli.Result r = run(cli, "run", "payment-duplicates", "--yes", "-o", "json");
        JsonNode fix = r.json().path("mitigations").get(0);
        assertEquals("EXECUTED", fix.path("decision").asText(), r.out());
        assertEquals(3, fix.path("result").path("payments_cancelled").asLong(), fix.toString());
        assertEquals(85000, fix.path("result").path("refunded_amount").asLong(), fix.toString());
        assertEquals(List.of(List.of("4"), List.of("5"), List.of("6")),
                HhplusDb.query(root, "SELECT id FROM hhplus.payment WHERE status = 'CANCELLED' ORDER BY id"));
        assertEquals(originals, HhplusDb.query(root, "SELECT id FROM hhplus.payment WHERE id <= 3 AND status = 'COMPLETED' ORDER BY id"));
        assertEquals(List.of(List.of("1", "160000"), List.of("2", "75000"), List.of("3", "70000")),
                HhplusDb.query(root, "SELECT user_id, balance FROM hhplus.point ORDER BY user_id"));
        assertEquals(List.of(List.of("1", "30000", "REFUND"), List.of("1", "30000", "REFUND"), List.of("2", "25000", "REFUND")),
                HhplusDb.query(root, "SELECT user_id, amount, type FROM hhplus.point_history ORDER BY id"));
        assertEquals("OK", stepCheck(r, "mysql.duplicate-payments-after").path("status").asText(), r.out());
        assertEquals(2, HhplusDb.query(root, "SELECT id FROM hhplus.payment WHERE status = 'PENDING'").size(), "PENDING untouched");

        IrmCli.Result again = run(cli, "run", "payment-duplicates", "--yes", "-o", "json");
        assertEquals("SKIPPED", again.json().path("mitigations").isEmpty() ? "SKIPPED"
                : again.json().path("mitigations").get(0).path("decision").asText(), "nothing left to fix: " + again.out());
        assertEquals(3, HhplusDb.query(root, "SELECT id FROM hhplus.point_history").size(), "no second refund");
    }

    @Test
    void readOnlyNeedsTheTypedHostPortEvenWithYes() throws Exception {
        List<Connection> fillers = new java.util.ArrayList<>();
        HhplusDb.exec(root, "SET GLOBAL max_connections = 10");
        try {
            for (int i = 0; i < 8; i++) {
                fillers.add(db.connect());
            }
            IrmCli cli = new IrmCli();
            IrmCli.Result refused = run(cli, "run", "db-pool-exhaustion", "--yes", "--step", "read_only", "-o", "json");
            JsonNode step = readOnlyStep(refused);
            assertEquals(4, refused.code(), refused.toString());
            assertEquals("REFUSED", step.path("decision").asText(), refused.out());
            String word = "127.0.0.1:" + db.port();
            assertTrue(step.path("message").asText().contains("--confirm " + word), step.toString());
            assertEquals("0", HhplusDb.query(root, "SELECT @@global.read_only").get(0).get(0));

            IrmCli.Result confirmed = run(cli, "run", "db-pool-exhaustion", "--yes", "--step", "read_only", "--confirm", word, "-o", "json");
            assertEquals("EXECUTED", readOnlyStep(confirmed).path("decision").asText(), confirmed.out());
            assertEquals("1", HhplusDb.query(root, "SELECT @@global.read_only").get(0).get(0));
        } finally {
            HhplusDb.exec(root, "SET GLOBAL read_only = OFF");
            for (Connection c : fillers) {
                c.close();
            }
            HhplusDb.exec(root, "SET GLOBAL max_connections = 151");
        }
    }

    @Test
    void exhaustedConnectionsOfferTheAppRestartOnEachPlatformAndADeadDatabaseDoesNot() throws Exception {
        List<Connection> fillers = new java.util.ArrayList<>();
        HhplusDb.exec(root, "SET GLOBAL max_connections = 10");
        try {
            for (int i = 0; i < 8; i++) {
                fillers.add(db.connect());
            }
            IrmCli cli = new IrmCli().env("DOCKER_HOST", "unix:///nonexistent/docker.sock");
            cli.env("KUBECONFIG", cli.home().resolve("no-kubeconfig").toString());
            IrmCli.Result dry = run(cli, "run", "db-pool-exhaustion", "--dry-run", "-o", "json");
            for (String step : List.of("docker_restart_app", "k8s_restart_app")) {
                JsonNode restart = dev.irm.testing.RunJson.mitigation(dry, step);
                assertEquals("SKIPPED", restart.path("decision").asText(), restart.toString());
                assertTrue(restart.path("message").asText().contains("unreachable"), "offered, but the platform is not there: " + restart);
            }
        } finally {
            for (Connection c : fillers) {
                c.close();
            }
            HhplusDb.exec(root, "SET GLOBAL max_connections = 151");
        }
        IrmCli.Result deadDb = new IrmCli().run("run", "db-pool-exhaustion", "--dry-run", "-o", "json", "--mysql",
                "jdbc:mysql://127.0.0.1:1/hhplus", "--redis", redis.url());
        assertTrue(dev.irm.testing.RunJson.step(deadDb, "docker_restart_app").path("message").asText().startsWith("condition not met"),
                "restarting the app does not bring a dead database back: " + deadDb.out());
    }

    private static JsonNode readOnlyStep(IrmCli.Result r) {
        for (JsonNode m : r.json().path("mitigations")) {
            if ("read_only".equals(m.path("step").asText())) {
                return m;
            }
        }
        throw new AssertionError("no read_only mitigation in " + r.out());
    }

    @Test
    void anInjectionThroughSetIsAUsageErrorAndChangesNothing() throws Exception {
        String before = HhplusDb.checksum(root);
        IrmCli cli = new IrmCli();
        for (String set : List.of("payment_table=payment; DROP TABLE payment", "payment_table=payment` WHERE 1=1 --",
                "schema=hhplus; DROP DATABASE hhplus", "lock_reservation_id=1 OR 1=1")) {
            IrmCli.Result r = run(cli, "run", "payment-duplicates", "--yes", "--set", set);
            assertEquals(64, r.code(), set + ": " + r);
            assertTrue(r.err().matches("(?s)runbooks/payment-duplicates\\.yaml:\\d+:\\d+: --set .*"), r.err());
        }
        assertEquals(before, HhplusDb.checksum(root));
        assertTrue(cli.records().isEmpty(), "nothing ran, so nothing was recorded");
    }

    @Test
    void writesAndTricksInAQueryStepAreRefusedAtLoadWithFileLineColumn() throws Exception {
        Path dir = Files.createTempDirectory("mysql-runbooks");
        List<String> refused = List.of("SET GLOBAL read_only = ON", "KILL 5", "INSERT INTO payment (id) VALUES (1)",
                "SELECT * FROM payment FOR UPDATE", "SELECT 1; DROP TABLE x", "SELECT 1 /*!; DROP TABLE x */",
                "SELECT * FROM payment INTO OUTFILE '/tmp/x'", "SELECT * FROM payment LOCK IN SHARE MODE", "SELECT SLEEP(100)",
                "SELECT * FROM ${payment_table}");
        for (int i = 0; i < refused.size(); i++) {
            Path file = dir.resolve("bad" + i + ".yaml");
            Files.writeString(file, queryRunbook("bad-" + i, refused.get(i)));
            IrmCli.Result r = new IrmCli().run("validate", file.toString());
            assertEquals(65, r.code(), refused.get(i) + ": " + r);
            assertTrue(r.err().contains(file + ":18:5: step q: sql") || r.out().contains(file + ":18:5: step q: sql"),
                    refused.get(i) + ": " + r);
        }
    }

    @Test
    void anAllowListedQueryRunsWithBindParameters() throws Exception {
        Path dir = Files.createTempDirectory("mysql-runbooks");
        Files.writeString(dir.resolve("ok.yaml"), queryRunbook("pending-count",
                "SELECT COUNT(*) AS n FROM payment WHERE status = ?").replace("    checks:", "    with2: x\n    checks:")
                .replace("    with2: x\n", "").replace("      sql:", "      params: [\"${pending}\"]\n      sql:"));
        IrmCli.Result r = run(new IrmCli(), "--runbooks", dir.toString(), "diagnose", "mysql", "-o", "json");
        JsonNode check = r.check("mysql.custom-pending-count");
        assertEquals("WARNING", check.path("status").asText(), r.out());
        assertEquals(2, check.path("metrics").path("n").asLong(), check.toString());
    }

    /** A check in the steps of {@code irm run -o json}. */
    private static JsonNode stepCheck(IrmCli.Result r, String id) {
        for (JsonNode step : r.json().path("steps")) {
            for (JsonNode check : step.path("checks")) {
                if (id.equals(check.path("id").asText())) {
                    return check;
                }
            }
        }
        throw new AssertionError("no check " + id + " in " + r.out());
    }

    /** A runbook whose only step is {@code mysql.query} with the given SQL; the step starts on line 18. */
    private static String queryRunbook(String id, String sql) {
        return String.join("\n",
                "id: " + id,
                "title: custom query",
                "severity: P3",
                "targets: [mysql]",
                "variables:",
                "  payment_table:",
                "    default: payment",
                "    type: identifier",
                "  pending:",
                "    default: PENDING",
                "    type: string",
                "",
                "",
                "",
                "",
                "",
                "steps:",
                "  - id: q",
                "    kind: diagnostic",
                "    title: query",
                "    action: mysql.query",
                "    with:",
                "      sql: \"" + sql + "\"",
                "    checks:",
                "      - id: mysql.custom-" + id,
                "        title: custom",
                "        warning: n > 0",
                "        summary: \"${rows} rows\"",
                "");
    }
}
