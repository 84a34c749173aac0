package dev.irm.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.irm.testing.AlertmanagerServer;
import dev.irm.testing.IrmServeProcess;
import dev.irm.testing.LoopbackHttp;
import dev.irm.testing.PrometheusServer;
import dev.irm.testing.ReferenceApp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.util.SafeEncoder;

/**
 * The manuals' alerting path on the reference app, every peer real: the shared app
 * ({@link ReferenceApp#shared()}, its MariaDB and Redis), a Debian Prometheus of this test's
 * scraping the app's {@code /actuator/prometheus} and evaluating the lab's rules file
 * ({@code lab/prometheus/rules.yml}, the manuals' rules in Micrometer's names), a Debian
 * Alertmanager posting to {@code irm serve} (its own JVM, pointed at the stack) and a loopback
 * sink. The pool is exhausted by the app's own fault switch. Waits are bounded polls (liveness), nothing is timed.
 */
class ServeReferenceAppTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "serve-app-" + Long.toHexString(System.nanoTime());
    private static final String POOL_ALERT = "DatabaseConnectionPoolExhausted";
    /** The rule's {@code for} in lab/prometheus/rules.yml. */
    private static final Duration POOL_RULE_FOR = Duration.ofSeconds(5);
    /** Liveness bound beyond the rule's {@code for}: evaluation, group_wait, the diagnosis, the sink, on a loaded machine. */
    private static final Duration LIVENESS = Duration.ofSeconds(90);
    private static final int HELD = 10;
    private static final java.util.concurrent.atomic.AtomicInteger WARM_UPS = new java.util.concurrent.atomic.AtomicInteger();

    private static ReferenceApp.Stack stack;
    private static ReferenceApp app;
    private static LoopbackHttp sink;
    private static IrmServeProcess serve;
    private static AlertmanagerServer alertmanager;
    private static PrometheusServer prometheus;

    @BeforeAll
    static void start() throws Exception {
        stack = ReferenceApp.shared();
        app = stack.app();
        app.reset(stack);
        sink = new LoopbackHttp();
        Path home = Files.createTempDirectory("irm-serve-app");
        Files.writeString(home.resolve("config.yaml"), """
                serve:
                  sinks:
                    - {name: test-hook, type: webhook, url: "%s/hook"}
                """.formatted(sink.url()));
        serve = IrmServeProcess.start(Map.of("IRM_CONFIG", home.resolve("config.yaml").toString(),
                        "XDG_STATE_HOME", home.resolve("state").toString(), "IRM_SERVE_TOKEN", TOKEN, "USER", "tester"),
                "serve", "--listen", "127.0.0.1:0",
                "--mysql", stack.db().jdbcUrl() + ReferenceApp.DATABASE, "--redis", stack.redis().url(),
                "--app", app.url(), "--prometheus", stack.prometheus().url());
        alertmanager = AlertmanagerServer.start("""
                route:
                  receiver: irm
                  group_by: [alertname, instance]
                  group_wait: 1s
                  group_interval: 1s
                  repeat_interval: 1h
                receivers:
                  - name: irm
                    webhook_configs:
                      - url: "%s/alerts"
                        send_resolved: false
                        http_config:
                          authorization: {type: Bearer, credentials: "%s"}
                """.formatted(serve.url(), TOKEN));
        prometheus = PrometheusServer.builder().scrape(ReferenceApp.JOB, "127.0.0.1:" + app.port(), "/actuator/prometheus")
                .ruleFile(rulesFile()).alertmanager("http://" + alertmanager.hostPort()).start();
        prometheus.awaitScrapes(ReferenceApp.JOB, 2);
    }

    /** Faults cleared and held connections released for the other tests; this Prometheus' request rates start afresh. */
    @AfterEach
    void resetTheStack() {
        app.reset(stack);
        prometheus.forget("{__name__=~\"http_server_requests.*\"}", ReferenceApp.JOB);
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {prometheus, alertmanager, serve, sink}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

    @Test
    void theLabRulesFilePassesPromtoolAndIsLoadedWithItsRunbookUrls() throws Exception {
        Process p = new ProcessBuilder("/usr/bin/promtool", "check", "rules", rulesFile().toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "promtool finished");
        assertEquals(0, p.exitValue(), out);

        List<String> loaded = new ArrayList<>();
        JsonNode groups = JSON.readTree(httpGet(prometheus.url() + "/api/v1/rules")).path("data").path("groups");
        for (JsonNode group : groups) {
            for (JsonNode rule : group.path("rules")) {
                assertEquals("ok", rule.path("health").asText(), rule.toString());
                String url = rule.path("annotations").path("runbook_url").asText();
                assertTrue(Files.exists(Path.of("runbooks", RunbookRouter.lastSegment(url) + ".yaml")), "runbook_url names a runbook: " + url);
                loaded.add(rule.path("name").asText());
            }
        }
        assertTrue(loaded.containsAll(List.of("APIServerDown", "HighErrorRate", POOL_ALERT)), loaded.toString());
    }

    @Test
    void anExhaustedPoolFiresTheManualsRuleAndIrmServeRunsDbPoolExhaustionDiagnosticsIntoTheSink() throws Exception {
        JsonNode healthy = diagnosisOfAHealthyStack();
        assertEquals("db-pool-exhaustion", healthy.path("runbook").asText(), healthy.toString());
        healthy.path("findings").forEach(f -> assertFalse(List.of("WARNING", "CRITICAL", "UNKNOWN").contains(f.path("severity").asText()),
                "a healthy stack yields nothing at WARNING or above: " + healthy));
        assertEquals(0, prometheus.result("ALERTS{alertname=\"" + POOL_ALERT + "\"}").size(), "a healthy pool does not alert");
        assertEquals(List.of(), hooks(POOL_ALERT));
        Map<String, String> dbBefore = dbState();
        String redisBefore = redisState();

        app.holdConnections(HELD);
        long held = System.nanoTime();
        Duration atMost = POOL_RULE_FOR.plus(LIVENESS);
        awaitTrue(() -> !hooks(POOL_ALERT).isEmpty(), atMost, POOL_ALERT + " diagnosed at the sink");
        Duration took = Duration.ofNanos(System.nanoTime() - held);
        System.out.println("pool held → finding at the sink in " + took.toMillis() + " ms (rule for: " + POOL_RULE_FOR.toSeconds() + " s)");

        JsonNode hook = hooks(POOL_ALERT).get(0);
        assertEquals("db-pool-exhaustion", hook.path("runbook").asText(), hook.toString());
        assertEquals("runbook_url", hook.path("matchedBy").asText(), "routed by the rule's runbook_url annotation: " + hook);
        assertEquals("CRITICAL", hook.path("status").asText(), hook.toString());
        JsonNode pool = finding(hook, "http.hikari-pool-in-run");
        assertEquals("CRITICAL", pool.path("severity").asText(), pool.toString());
        assertEquals("db-pool-exhaustion", pool.path("runbook").asText(), pool.toString());
        assertTrue(pool.path("summary").asText().contains(HELD + " of 10 connections active"), pool.toString());
        String record = Files.readString(Path.of(hook.path("record").asText()));
        JsonNode connections = finishedStep(record, "connections");
        assertEquals("OK", connections.path("status").asText(), "MariaDB itself has room: the pool is the app's limit: " + connections);
        assertTrue(connections.path("data").path("metrics").path("threads_connected").asInt() >= HELD, connections.toString());
        assertTrue(record.contains("\"run.started\""), record);
        assertFalse(record.contains("mitigation.executed") || record.contains("consent.asked") || record.contains("mitigation.previewed"),
                "no mitigation ran: " + record);
        assertTrue(app.get("/actuator/metrics/hikaricp.connections.active").body().contains("\"value\":" + HELD + ".0"),
                "the held connections were neither killed nor the app restarted");
        assertEquals(dbBefore, dbState(), "MariaDB unchanged");
        assertEquals(redisBefore, redisState(), "Redis unchanged");
    }

    @Test
    void fiveXxOverFivePercentFiresHighErrorRateAndIrmServeRunsErrorSurgeDiagnostics() throws Exception {
        String alert = "HighErrorRate";
        diagnosisOfAHealthyStack();
        assertEquals(0, prometheus.result("ALERTS{alertname=\"" + alert + "\"}").size(), "no 5xx, no alert");
        app.fault("/errors?percent=30");
        Duration atMost = Duration.ofSeconds(10).plus(LIVENESS);
        long deadline = System.nanoTime() + atMost.toNanos();
        int requests = 0;
        while (hooks(alert).isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "not within " + atMost.toSeconds() + " s: " + alert + " at the sink\n"
                    + serve.log() + "\n--- ALERTS\n" + prometheus.query("ALERTS"));
            for (int i = 0; i < 10; i++, requests++) {
                app.get("/api/concerts/" + (i % 4 + 1) + "/seats");
            }
            Thread.sleep(200);
        }
        System.out.println(alert + " diagnosed after " + requests + " user requests at 30 % 5xx");

        JsonNode hook = hooks(alert).get(0);
        assertEquals("error-surge", hook.path("runbook").asText(), hook.toString());
        assertEquals("runbook_url", hook.path("matchedBy").asText(), hook.toString());
        JsonNode errors = finding(hook, "http.error-rate");
        assertEquals("CRITICAL", errors.path("severity").asText(), errors.toString());
        assertEquals("error-surge", errors.path("runbook").asText(), errors.toString());
        String record = Files.readString(Path.of(hook.path("record").asText()));
        assertFalse(record.contains("mitigation.executed") || record.contains("consent.asked"), "no mitigation ran: " + record);
    }

    /**
     * An alert posted to Alertmanager by hand while the stack is healthy, routed to the same runbook.
     * Its first diagnoses also warm irm serve's JVM: on this loaded machine a cold JVM's first JDBC
     * and HTTP connections can exceed the 2 s reachability bound, so up to three are sent (distinct
     * alerts) until one reaches every target; that one must be clean.
     */
    private static JsonNode diagnosisOfAHealthyStack() throws Exception {
        JsonNode last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            String name = "PoolCheckWhileHealthy" + WARM_UPS.incrementAndGet();
            alertmanager.postAlerts("""
                    [{"labels": {"alertname": "%s", "severity": "info"},
                      "annotations": {"runbook_url": "https://runbooks.example.org/irm/db-pool-exhaustion"}}]
                    """.formatted(name));
            awaitTrue(() -> !hooks(name).isEmpty(), LIVENESS, name + " diagnosed at the sink");
            last = hooks(name).get(0);
            if (!last.toString().contains(".reachable\"")) {
                return last;
            }
        }
        return last;
    }

    private static Path rulesFile() {
        return Path.of("lab/prometheus/rules.yml").toAbsolutePath();
    }

    /** read_only and the checksums of the app's tables. */
    private static Map<String, String> dbState() throws Exception {
        Map<String, String> state = new java.util.TreeMap<>();
        try (Connection c = stack.db().connect(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT @@global.read_only")) {
                rs.next();
                state.put("read_only", rs.getString(1));
            }
            try (ResultSet rs = s.executeQuery("CHECKSUM TABLE hhplus.payment, hhplus.point, hhplus.point_history, hhplus.reservation,"
                    + " hhplus.seat_hold")) {
                while (rs.next()) {
                    state.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return state;
    }

    private static String redisState() {
        try (Jedis jedis = stack.redis().client()) {
            Object digest = jedis.sendCommand(() -> SafeEncoder.encode("DEBUG"), "DIGEST");
            return (digest instanceof byte[] b ? SafeEncoder.encode(b) : String.valueOf(digest))
                    + " " + jedis.configGet("maxmemory") + " " + jedis.configGet("maxmemory-policy");
        }
    }

    private static List<JsonNode> hooks(String alertname) {
        List<JsonNode> out = new ArrayList<>();
        for (LoopbackHttp.Received r : sink.received("/hook")) {
            try {
                JsonNode d = JSON.readTree(r.body());
                if (alertname.equals(d.path("alertname").asText())) {
                    out.add(d);
                }
            } catch (Exception e) {
                throw new AssertionError("sink body is not JSON: " + r.body(), e);
            }
        }
        return out;
    }

    private static JsonNode finishedStep(String record, String step) throws Exception {
        for (String line : record.lines().toList()) {
            JsonNode event = JSON.readTree(line);
            if ("step.finished".equals(event.path("event").asText()) && step.equals(event.path("step").asText())) {
                return event;
            }
        }
        throw new AssertionError("no step.finished " + step + " in " + record);
    }

    private static JsonNode finding(JsonNode diagnosis, String check) {
        for (JsonNode f : diagnosis.path("findings")) {
            if (check.equals(f.path("check").asText())) {
                return f;
            }
        }
        throw new AssertionError("no finding " + check + " in " + diagnosis);
    }

    private static String httpGet(String url) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                .timeout(Duration.ofSeconds(5)).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void awaitTrue(BooleanSupplier condition, Duration atMost, String what) throws Exception {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + atMost.toSeconds() + " s: " + what + "\n--- irm serve\n" + serve.log()
                        + "\n--- alertmanager\n" + alertmanager.logTail() + "\n--- prometheus\n" + prometheus.logTail()
                        + "\n--- ALERTS\n" + prometheus.query("ALERTS"));
            }
            Thread.sleep(250);
        }
    }
}
