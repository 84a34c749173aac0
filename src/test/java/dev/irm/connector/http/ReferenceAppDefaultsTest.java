package dev.irm.connector.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.testing.IrmCli;
import dev.irm.testing.PrometheusServer;
import dev.irm.testing.ReferenceApp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reference app on Spring Boot's defaults all the way (issue 12's "done when"): web exposure
 * {@code health} only, health details never shown, Hikari's 30 s connection-timeout, no
 * histograms. Prometheus scrapes it as a team would configure it and finds nothing at
 * {@code /actuator/prometheus} (404, {@code up == 0}): irm has no pool numbers anywhere, so an
 * exhausted pool can only be inferred from health not answering while the app's other endpoints do.
 * The lab fault switches live under {@code /lab/faults}, outside the actuator, so they stay reachable.
 */
class ReferenceAppDefaultsTest {
    private static final String JOB = "defaults-app";
    private static final int POOL_SIZE = 10;
    private static ReferenceApp app;
    private static PrometheusServer prometheus;

    @BeforeAll
    static void start() throws Exception {
        ReferenceApp.Stack stack = ReferenceApp.shared();
        app = ReferenceApp.startAnother(stack, "--management.endpoints.web.exposure.include=health",
                "--management.endpoint.health.show-details=never");
        prometheus = PrometheusServer.builder().scrape(JOB, "127.0.0.1:" + app.port(), "/actuator/prometheus").start();
        prometheus.awaitSeries("up{job=\"" + JOB + "\"}", Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @BeforeEach
    void reset() {
        app.fault("/reset");
    }

    private static IrmCli.Result diagnose() {
        return new IrmCli().run("diagnose", "http", "-o", "json", "--app", app.url(), "--prometheus", prometheus.url());
    }

    private static List<JsonNode> findingsAtWarningOrAbove(IrmCli.Result r) {
        List<JsonNode> out = new ArrayList<>();
        r.json().path("findings").forEach(f -> {
            if (List.of("WARNING", "CRITICAL", "UNKNOWN").contains(f.path("severity").asText())) {
                out.add(f);
            }
        });
        return out;
    }

    @Test
    void theAppReallyRunsOnSpringDefaults() {
        assertEquals(404, app.get("/actuator/metrics").statusCode(), "metrics not exposed");
        assertEquals(404, app.get("/actuator/prometheus").statusCode(), "prometheus not exposed");
        assertEquals("{\"status\":\"UP\"}", app.get("/actuator/health").body(), "no details on defaults");
        assertEquals("0", prometheus.result("up{job=\"" + JOB + "\"}").path(0).path("value").path(1).asText(),
                "Prometheus finds nothing to scrape");
    }

    @Test
    void aHealthyAppOnDefaultsHasNothingAtWarningOrAboveAndSaysWhatItCannotRead() {
        IrmCli.Result r = diagnose();
        assertEquals(List.of(), findingsAtWarningOrAbove(r), r.out());
        assertEquals(0, r.code(), r.toString());
        assertEquals("OK", r.check("http.reachable").path("status").asText(), r.out());
        JsonNode health = r.check("http.health");
        assertEquals("OK", health.path("status").asText(), health.toString());
        assertTrue(health.path("summary").asText().startsWith("health UP (HTTP 200)"), health.toString());
        JsonNode answered = r.check("http.health-answer");
        assertEquals("SKIPPED", answered.path("status").asText(), r.out());
        assertTrue(answered.path("summary").asText().startsWith("health answered within "), "a skipped check says what it saw: " + answered);
        JsonNode pool = r.check("http.hikari-pool");
        assertEquals("SKIPPED", pool.path("status").asText(), pool.toString());
        String why = pool.path("summary").asText();
        assertTrue(why.startsWith("no HikariCP pool: ") && why.contains("/actuator/metrics/hikaricp.connections.*")
                && why.contains("hikaricp_connections_*"), "says where it looked: " + pool);
        assertTrue(!why.contains("0 of 0"), pool.toString());
        JsonNode breakers = r.check("http.circuit-breakers");
        assertEquals("SKIPPED", breakers.path("status").asText(), breakers.toString());
        assertTrue(breakers.path("summary").asText().startsWith("no circuit breakers: "), breakers.toString());
        JsonNode errors = r.check("http.error-rate");
        assertEquals("SKIPPED", errors.path("status").asText(), "no request series in Prometheus is not a measured 0 %: " + errors);
        assertTrue(errors.path("summary").asText().startsWith("no user requests in Prometheus"), errors.toString());
        assertEquals("SKIPPED", r.check("http.latency-p95").path("status").asText(), r.out());
        JsonNode cpu = r.check("http.cpu");
        assertEquals("SKIPPED", cpu.path("status").asText(), cpu.toString());
        assertTrue(cpu.path("summary").asText().startsWith("no app CPU series in Prometheus"), "not \"app CPU 0.0%\": " + cpu);
        System.out.println("healthy app on Spring defaults: " + r.millis() + " ms (command)\n" + r.out());
    }

    @Test
    void anExhaustedPoolOnSpringDefaultsIsCriticalToDbPoolExhaustionFromHealthAlone() {
        assertTrue(app.fault("/pool/hold?connections=" + POOL_SIZE).contains("\"heldConnections\":" + POOL_SIZE));
        IrmCli.Result r = diagnose();
        assertEquals(2, r.code(), r.toString());
        JsonNode reachable = r.check("http.reachable");
        assertEquals("OK", reachable.path("status").asText(), "the app answers its other endpoints: " + r.out());
        JsonNode health = r.check("http.health-answer");
        assertEquals("CRITICAL", health.path("status").asText(), health.toString());
        assertEquals("db-pool-exhaustion", health.path("runbook").asText(), health.toString());
        String summary = health.path("summary").asText();
        assertTrue(summary.startsWith("health did not answer within 1,000 ms") || summary.startsWith("health did not answer within 1000 ms"),
                summary);
        assertTrue(summary.contains("pool exhausted or database down"), summary);
        JsonNode status = r.check("http.health");
        assertEquals("SKIPPED", status.path("status").asText(), "no status to judge: " + r.out());
        assertTrue(status.path("summary").asText().startsWith("no health status: no answer within"), status.toString());
        assertEquals("SKIPPED", r.check("http.hikari-pool").path("status").asText(), "no pool numbers anywhere: " + r.out());
        List<JsonNode> critical = findingsAtWarningOrAbove(r);
        assertTrue(critical.stream().anyMatch(f -> "http.health-answer".equals(f.path("check").asText())
                && "CRITICAL".equals(f.path("severity").asText()) && "db-pool-exhaustion".equals(f.path("runbook").asText())), r.out());
        System.out.println("exhausted pool, Spring defaults (health only, 30 s Hikari timeout) → CRITICAL db-pool-exhaustion in "
                + r.millis() + " ms (command), " + r.json().path("durationMs") + " ms (diagnose)\n" + r.out());
        IrmCli.Result again = diagnose();
        assertEquals("CRITICAL", again.check("http.health-answer").path("status").asText(), again.out());
        System.out.println("the same, second run in this JVM: " + again.millis() + " ms (command), "
                + again.json().path("durationMs") + " ms (diagnose)");

        app.fault("/pool/release");
        IrmCli.Result after = diagnose();
        assertEquals(List.of(), findingsAtWarningOrAbove(after), after.out());
        assertEquals("OK", after.check("http.health").path("status").asText(), after.out());
        assertEquals(0, after.code(), after.toString());
    }
}
