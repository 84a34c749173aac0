package dev.irm.connector.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.testing.IrmCli;
import dev.irm.testing.PrometheusServer;
import dev.irm.testing.ReferenceApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reference app with a narrower actuator web exposure ({@code health,prometheus}: no
 * {@code /actuator/metrics}, no {@code /actuator/circuitbreakers}), as many teams run it: irm reads
 * the pool and the breakers from Prometheus instead; with nothing in Prometheus either (Spring's
 * default exposure, {@code health} only, leaves Prometheus nothing to scrape) the checks are
 * SKIPPED with the reason, never "0 of 0".
 */
class ReferenceAppExposureTest {
    private static final String JOB = "narrow-app";
    private static ReferenceApp.Stack stack;
    private static ReferenceApp app;
    private static PrometheusServer prometheus;
    private static PrometheusServer empty;

    @BeforeAll
    static void start() throws Exception {
        stack = ReferenceApp.shared();
        app = ReferenceApp.startAnother(stack, "--management.endpoints.web.exposure.include=health,prometheus");
        prometheus = PrometheusServer.builder().scrape(JOB, "127.0.0.1:" + app.port(), "/actuator/prometheus").start();
        empty = PrometheusServer.builder().start();
    }

    @AfterAll
    static void stop() {
        app.fault("/reset");
        app.close();
        prometheus.close();
        empty.close();
    }

    private static IrmCli.Result diagnose(PrometheusServer p) {
        return new IrmCli().run("diagnose", "http", "-o", "json", "--app", app.url(), "--prometheus", p.url());
    }

    @Test
    void poolAndBreakersComeFromPrometheusWhenTheActuatorEndpointsAreNotExposed() {
        assertEquals(404, app.get("/actuator/metrics/hikaricp.connections.active").statusCode(), "not exposed");
        app.fault("/pool/hold?connections=9");
        app.fault("/external/fail?on=true");
        for (int i = 0; i < 6; i++) {
            app.post("/api/payments/authorize?reference=n" + i);
        }
        prometheus.awaitScrapes(JOB, 2);
        IrmCli.Result r = diagnose(prometheus);
        JsonNode pool = r.check("http.hikari-pool");
        assertEquals("CRITICAL", pool.path("status").asText(), pool.toString());
        assertEquals("db-pool-exhaustion", pool.path("runbook").asText());
        assertEquals("prometheus", pool.path("metrics").path("source").asText(), pool.toString());
        assertTrue(pool.path("summary").asText().contains("9 of 10 connections active (90.0%)"), pool.toString());
        JsonNode breakers = r.check("http.circuit-breakers");
        assertEquals("WARNING", breakers.path("status").asText(), breakers.toString());
        assertTrue(breakers.path("summary").asText().contains("OPEN (paymentGateway)"), breakers.toString());
        assertTrue(breakers.path("summary").asText().contains("from prometheus"), breakers.toString());
        app.fault("/reset");
    }

    @Test
    void noPoolAnywhereIsSkippedWithTheReasonNotZeroOfZero() {
        IrmCli.Result r = diagnose(empty);
        JsonNode pool = r.check("http.hikari-pool");
        assertEquals("SKIPPED", pool.path("status").asText(), pool.toString());
        assertTrue(pool.path("summary").asText().startsWith("no HikariCP pool: "), pool.toString());
        assertTrue(!pool.path("summary").asText().contains("0 of 0"), pool.toString());
        JsonNode breakers = r.check("http.circuit-breakers");
        assertEquals("SKIPPED", breakers.path("status").asText(), breakers.toString());
        assertTrue(breakers.path("summary").asText().startsWith("no circuit breakers: "), breakers.toString());
        assertEquals("OK", r.check("http.health").path("status").asText(), r.out());
        assertEquals(0, r.code(), r.toString());
    }
}
