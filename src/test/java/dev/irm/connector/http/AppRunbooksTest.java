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
import redis.clients.jedis.Jedis;

/**
 * error-surge, circuit-breaker-open and cache-stampede walked on their real faults, made by the
 * reference app itself (lab switches) and read through its actuator and a real Prometheus.
 */
class AppRunbooksTest {
    private final ReferenceApp.Stack stack = ReferenceApp.shared();
    private final ReferenceApp app = stack.app();

    @BeforeEach
    void reset() {
        app.reset(stack);
    }

    private IrmCli.Result run(String runbook, String... more) {
        List<String> args = new ArrayList<>(List.of("run", runbook, "--dry-run", "-o", "json", "--app", app.url(),
                "--prometheus", stack.prometheus().url(), "--redis", stack.redis().url()));
        args.addAll(List.of(more));
        return new IrmCli().run(args.toArray(String[]::new));
    }

    /** Requests to the app's concert API going on while Prometheus scrapes, so rate() sees them. */
    private void userTrafficOverScrapes(int perScrape, int scrapes) {
        for (int s = 0; s < scrapes; s++) {
            for (int i = 0; i < perScrape; i++) {
                app.get("/api/concerts/" + (i % 3 + 7) + "/seats");
            }
            stack.prometheus().awaitScrapes(ReferenceApp.JOB, 1);
        }
    }

    /**
     * Judged on the app and its Redis: docker and k8s are not there in this test (their reachable
     * findings are the targets' own), and the shared app's log keeps the error lines of other tests.
     */
    @Test
    void aHealthyAppGivesTheseRunbooksNothingAtWarningOrAbove() {
        userTrafficOverScrapes(10, 3);
        for (String runbook : List.of("error-surge", "circuit-breaker-open", "cache-stampede")) {
            IrmCli.Result r = run(runbook);
            List<JsonNode> serious = new ArrayList<>();
            r.json().path("findings").forEach(f -> {
                if (List.of("http", "redis").contains(f.path("target").asText())
                        && List.of("WARNING", "CRITICAL", "UNKNOWN").contains(f.path("severity").asText())) {
                    serious.add(f);
                }
            });
            assertEquals(List.of(), serious, runbook + ": " + r.out());
        }
    }

    @Test
    void errorSurgeFindsTheApps5xxRateAndLeavesRollbackToTheQuestion() {
        app.fault("/errors?percent=35");
        userTrafficOverScrapes(20, 3);
        IrmCli.Result r = run("error-surge");
        assertEquals(2, r.code(), r.toString());
        JsonNode errors = finding(r, "http.error-rate");
        assertEquals("CRITICAL", errors.path("severity").asText(), errors.toString());
        assertEquals("error-surge", errors.path("runbook").asText());
        assertTrue(step(r, "rollback").path("message").asText().startsWith("condition not met"),
                "no terminal: the rollout question is unanswered, so no rollback: " + step(r, "rollback"));
        assertEquals("CRITICAL", step(r, "verify_error_rate").path("status").asText(), r.out());
    }

    @Test
    void circuitBreakerOpenIsAWarningAndRecoveryWaitsForTheOperator() {
        app.fault("/external/fail?on=true");
        for (int i = 0; i < 9; i++) {
            app.post("/api/payments/authorize?reference=cb" + i);
        }
        IrmCli.Result r = run("circuit-breaker-open");
        assertEquals(1, r.code(), r.toString());
        JsonNode breakers = finding(r, "http.circuit-breakers");
        assertEquals("WARNING", breakers.path("severity").asText());
        assertEquals("circuit-breaker-open", breakers.path("runbook").asText());
        assertTrue(breakers.path("summary").asText().contains("1 of 1 circuit breakers OPEN (paymentGateway), 0 HALF_OPEN, 4 calls refused"),
                "5 calls open the breaker, the other 4 are refused: " + breakers);
        assertTrue(step(r, "verify_breakers").path("message").asText().startsWith("condition not met"), r.out());
    }

    @Test
    void cacheStampedeSeesTheHitRatioCollapseWhileTheAppServes() {
        for (int i = 0; i < 40; i++) {
            app.get("/api/concerts/" + (i % 4 + 1) + "/seats");
        }
        app.fault("/cache/fill?on=false");
        try (Jedis jedis = stack.redis().client()) {
            for (int id = 1; id <= 4; id++) {
                jedis.del("cache:concert:" + id + ":seats");
            }
        }
        app.fault("/traffic?rps=300");
        app.holdConnections(8);
        IrmCli.Result r = run("cache-stampede", "--set", "min_lookups=150");
        app.fault("/traffic?rps=0");
        assertEquals(2, r.code(), r.toString());
        JsonNode hits = finding(r, "redis.cache-hit-collapse");
        assertEquals("CRITICAL", hits.path("severity").asText(), hits.toString());
        assertEquals("cache-stampede", hits.path("runbook").asText());
        double ratio = step(r, "hit_ratio").path("metrics").path("hit_ratio_pct").asDouble();
        assertTrue(ratio < 15, "every seat read misses while traffic flows: " + hits);
        JsonNode pool = finding(r, "http.stampede-db-pool");
        assertEquals("WARNING", pool.path("severity").asText(), pool.toString());
        JsonNode poolMetrics = step(r, "db_pool").path("metrics");
        assertTrue(poolMetrics.path("active").asInt() >= 8, "8 held, the missing reads may hold more: " + pool);
        assertEquals(10, poolMetrics.path("max").asInt(), pool.toString());
    }

    private static JsonNode finding(IrmCli.Result r, String check) {
        for (JsonNode f : r.json().path("findings")) {
            if (check.equals(f.path("check").asText())) {
                return f;
            }
        }
        throw new AssertionError("no finding " + check + " in " + r.out());
    }

    private static JsonNode step(IrmCli.Result r, String id) {
        for (JsonNode s : r.json().path("steps")) {
            if (id.equals(s.path("id").asText())) {
                return s;
            }
        }
        throw new AssertionError("no step " + id + " in " + r.out());
    }
}
