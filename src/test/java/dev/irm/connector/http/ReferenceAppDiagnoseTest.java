package dev.irm.connector.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.testing.IrmCli;
import dev.irm.testing.ReferenceApp;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code irm diagnose http} against the real reference app (Spring Boot 3.5 on Spring's defaults:
 * 10 connections, 30 s Hikari connection-timeout, no percentile histograms) scraped by a real
 * Prometheus, each fault made by the app itself through its lab switches.
 */
class ReferenceAppDiagnoseTest {
    private final ReferenceApp.Stack stack = ReferenceApp.shared();
    private final ReferenceApp app = stack.app();

    @BeforeEach
    void reset() {
        app.reset(stack);
    }

    private IrmCli.Result diagnose() {
        return new IrmCli().run("diagnose", "http", "-o", "json", "--app", app.url(), "--prometheus", stack.prometheus().url());
    }

    private void userTraffic(int requests) {
        for (int i = 0; i < requests; i++) {
            app.get("/api/concerts/" + (i % 4 + 1) + "/seats");
        }
    }

    /** Traffic going on while Prometheus scrapes: rate() sees a counter grow only between two of its samples. */
    private void userTrafficOverScrapes(int perScrape, int scrapes) {
        for (int s = 0; s < scrapes; s++) {
            userTraffic(perScrape);
            stack.prometheus().awaitScrapes(ReferenceApp.JOB, 1);
        }
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
    void aHealthyAppHasNoFindingAtWarningOrAbove() {
        userTrafficOverScrapes(10, 3);
        IrmCli.Result r = diagnose();
        assertEquals(List.of(), findingsAtWarningOrAbove(r), r.out());
        assertEquals(0, r.code(), r.toString());
        assertEquals("OK", r.check("http.health").path("status").asText(), r.out());
        JsonNode pool = r.check("http.hikari-pool");
        assertEquals("OK", pool.path("status").asText(), pool.toString());
        assertEquals(10, pool.path("metrics").path("max").asLong(), "Spring Boot's default pool");
        assertEquals("actuator", pool.path("metrics").path("source").asText());
        JsonNode errors = r.check("http.error-rate");
        assertEquals("OK", errors.path("status").asText(), "no 5xx is 0 %, not SKIPPED: " + errors);
        assertTrue(errors.path("summary").asText().startsWith("5xx rate 0"), errors.toString());
        JsonNode latency = r.check("http.latency-p95");
        assertEquals("OK", latency.path("status").asText(), latency.toString());
        assertTrue(latency.path("summary").asText().startsWith("mean latency "),
                "no histogram on Spring's defaults: the mean, said so: " + latency);
        assertEquals("OK", r.check("http.circuit-breakers").path("status").asText(), r.out());
    }

    @Test
    void anExhaustedPoolOnSpringDefaultsIsCriticalToDbPoolExhaustionNotUnreachable() {
        app.holdConnections(10);
        IrmCli.Result r = diagnose();
        assertEquals(2, r.code(), r.toString());
        assertEquals("OK", r.check("http.reachable").path("status").asText(), "the app answers: " + r.out());
        JsonNode health = r.check("http.health-answer");
        assertEquals("CRITICAL", health.path("status").asText(), health.toString());
        assertEquals("db-pool-exhaustion", health.path("runbook").asText());
        assertTrue(health.path("summary").asText().contains("did not answer within 1,000 ms")
                || health.path("summary").asText().contains("did not answer within 1000 ms"), health.toString());
        JsonNode pool = r.check("http.hikari-pool");
        assertEquals("CRITICAL", pool.path("status").asText(), pool.toString());
        assertEquals("db-pool-exhaustion", pool.path("runbook").asText());
        assertEquals(10, pool.path("metrics").path("active").asLong(), pool.toString());
        assertEquals(10, pool.path("metrics").path("max").asLong(), pool.toString());
        assertTrue(pool.path("summary").asText().contains("10 of 10 connections active (100.0%)"), pool.toString());
        System.out.println("exhausted pool on Spring defaults → CRITICAL db-pool-exhaustion in " + r.millis() + " ms (command), "
                + r.json().path("durationMs") + " ms (diagnose)");
    }

    @Test
    void sevenOfTenConnectionsHeldIsAWarningToDbPoolExhaustion() {
        app.holdConnections(7);
        IrmCli.Result r = diagnose();
        JsonNode pool = r.check("http.hikari-pool");
        assertEquals("WARNING", pool.path("status").asText(), pool.toString());
        assertEquals("db-pool-exhaustion", pool.path("runbook").asText());
        assertEquals(70.0, pool.path("metrics").path("active_pct").asDouble(), pool.toString());
        assertEquals("OK", r.check("http.health").path("status").asText(), "three connections left: health answers: " + r.out());
    }

    @Test
    void fiveXxFromTheAppAreAnErrorSurgeAndActuatorTrafficIsNotCounted() {
        app.fault("/errors?percent=40");
        for (int i = 0; i < 30; i++) {
            app.get("/actuator/health");
        }
        userTrafficOverScrapes(20, 3);
        IrmCli.Result r = diagnose();
        JsonNode errors = r.check("http.error-rate");
        assertEquals("CRITICAL", errors.path("status").asText(), errors.toString());
        assertEquals("error-surge", errors.path("runbook").asText());
        double share = errors.path("metrics").path("value").asDouble();
        assertTrue(share > 0.30 && share < 0.50, "40 % of the user requests failed, the 30 health probes not counted: " + share);
        assertEquals(2, r.code(), r.toString());
    }

    @Test
    void aTrafficSpikeOnTheRealAppReadsItsRequestRateLatencyAndQueue() throws Exception {
        app.fault("/scheduler/queue/stop");
        for (int i = 0; i < 40; i++) {
            app.post("/api/queue/token");
        }
        userTrafficOverScrapes(30, 3);
        IrmCli cli = new IrmCli();
        java.nio.file.Files.writeString(cli.home().resolve("config.yaml"),
                "contexts:\n  lab:\n    variables: {scale_out_users: \"30\", platform: docker}\n");
        IrmCli.Result r = cli.run("run", "traffic-spike", "-o", "json", "--dry-run", "--context", "lab", "--redis", stack.redis().url(),
                "--app", app.url(), "--prometheus", stack.prometheus().url(), "--docker-host", "unix:///nonexistent/docker.sock");
        JsonNode rate = step(r, "request_rate");
        assertTrue(rate.path("metrics").path("value").asDouble() > 0, "the real request rate: " + rate);
        JsonNode waiting = finding(r, "redis.spike-waiting-users");
        assertEquals("WARNING", waiting.path("severity").asText(), waiting.toString());
        assertTrue(waiting.path("summary").asText().startsWith("40 users waiting"), waiting.toString());
        JsonNode cpu = step(r, "cpu");
        double usage = cpu.path("metrics").path("value").asDouble();
        assertTrue(usage >= 0 && usage <= 1, "Micrometer's process_cpu_usage: " + cpu);
    }

    private static JsonNode step(IrmCli.Result r, String id) {
        for (JsonNode s : r.json().path("steps")) {
            if (id.equals(s.path("id").asText())) {
                return s;
            }
        }
        throw new AssertionError("no step " + id + " in " + r.out());
    }

    private static JsonNode finding(IrmCli.Result r, String check) {
        for (JsonNode f : r.json().path("findings")) {
            if (check.equals(f.path("check").asText())) {
                return f;
            }
        }
        throw new AssertionError("no finding " + check + " in " + r.out());
    }

    @Test
    void aDeadPrometheusLeavesTheAppChecksAndMakesTheQueriesUnknown() {
        int dead = dev.irm.testing.FreePorts.next();
        IrmCli.Result r = new IrmCli().run("diagnose", "http", "-o", "json", "--app", app.url(),
                "--prometheus", "http://127.0.0.1:" + dead);
        assertEquals(3, r.code(), r.toString());
        assertEquals("OK", r.check("http.reachable").path("status").asText(), r.out());
        assertEquals("OK", r.check("http.health").path("status").asText(), r.out());
        assertEquals("OK", r.check("http.hikari-pool").path("status").asText(), r.out());
        JsonNode errors = r.check("http.error-rate");
        assertEquals("UNKNOWN", errors.path("status").asText(), errors.toString());
        assertTrue(errors.path("summary").asText().contains("prometheus at http://127.0.0.1:" + dead + ": connection refused"), r.out());
    }

    @Test
    void anOpenBreakerOfTheAppIsAWarningToCircuitBreakerOpen() {
        app.fault("/external/fail?on=true");
        for (int i = 0; i < 8; i++) {
            app.post("/api/payments/authorize?reference=r" + i);
        }
        IrmCli.Result r = diagnose();
        JsonNode breakers = r.check("http.circuit-breakers");
        assertEquals("WARNING", breakers.path("status").asText(), breakers.toString());
        assertEquals("circuit-breaker-open", breakers.path("runbook").asText());
        assertTrue(breakers.path("summary").asText().contains("1 of 1 circuit breakers OPEN (paymentGateway)"), breakers.toString());
        assertEquals(1, r.code(), r.toString());
    }
}
