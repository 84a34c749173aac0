package dev.irm.connector.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.testing.IrmCli;
import dev.irm.testing.RedisServer;
import dev.irm.testing.SpringAppServer;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/** error-surge, traffic-spike, circuit-breaker-open and cache-stampede walked on their real faults. */
class AppRunbooksTest {

    private static IrmCli.Result run(String runbook, SpringAppServer app, String redisUrl) {
        return new IrmCli().run("run", runbook, "--dry-run", "-o", "json", "--app", app.url(), "--prometheus", app.url(),
                "--redis", redisUrl);
    }

    @Test
    void errorSurgeFindsThe5xxRateAndLeavesRollbackToTheQuestion() {
        try (SpringAppServer app = SpringAppServer.start()) {
            app.prometheus("status=~\"5..\"", "0.03").prometheus("histogram_quantile", "0.8");
            IrmCli.Result r = run("error-surge", app, "redis://127.0.0.1:1");
            assertEquals(2, r.code(), r.toString());
            assertEquals("CRITICAL", finding(r, "http.error-rate").path("severity").asText());
            assertEquals("WARNING", finding(r, "http.latency-p95").path("severity").asText());
            assertTrue(step(r, "rollback").path("message").asText().startsWith("condition not met"),
                    "no terminal: the rollout question is unanswered, so no rollback: " + step(r, "rollback"));
            assertEquals("CRITICAL", step(r, "verify_error_rate").path("status").asText());
            assertEquals(0, app.posts().size());
        }
    }

    @Test
    void trafficSpikeReadsCpuLatencyAndQueue() throws Exception {
        try (SpringAppServer app = SpringAppServer.start(); RedisServer redis = RedisServer.start(); Jedis jedis = redis.client()) {
            app.prometheus("process_cpu_usage", "0.95").prometheus("histogram_quantile", "0.8");
            Pipeline p = jedis.pipelined();
            for (int i = 0; i < 600; i++) {
                p.zadd("queue:waiting", System.currentTimeMillis(), "token-" + i);
            }
            p.sync();
            IrmCli.Result r = run("traffic-spike", app, redis.url());
            assertEquals(2, r.code(), r.toString());
            assertEquals("CRITICAL", finding(r, "http.cpu").path("severity").asText());
            assertEquals("traffic-spike", finding(r, "http.cpu").path("runbook").asText());
            assertEquals("WARNING", finding(r, "http.spike-latency-p95").path("severity").asText(), finding(r, "http.spike-latency-p95").toString());
            assertEquals("WARNING", finding(r, "redis.spike-waiting-users").path("severity").asText());
            assertEquals(120.0, step(r, "request_rate").path("metrics").path("value").asDouble());
            assertEquals("open", step(r, "scale_out").path("message").asText(),
                    "scale out is shown (and left open without a terminal) when CPU is critical: " + step(r, "scale_out"));
        }
    }

    @Test
    void circuitBreakerOpenIsAWarningAndRecoveryWaitsForTheOperator() {
        try (SpringAppServer app = SpringAppServer.start()) {
            app.breaker("dataPlatform", "OPEN").breaker("notification", "HALF_OPEN");
            IrmCli.Result r = run("circuit-breaker-open", app, "redis://127.0.0.1:1");
            assertEquals(1, r.code(), r.toString());
            JsonNode breakers = finding(r, "http.circuit-breakers");
            assertEquals("WARNING", breakers.path("severity").asText());
            assertTrue(breakers.path("summary").asText().contains("1 of 2 circuit breakers OPEN (dataPlatform), 1 HALF_OPEN, 12 calls refused"),
                    breakers.toString());
            assertTrue(step(r, "verify_breakers").path("message").asText().startsWith("condition not met"), r.out());
        }
    }

    @Test
    void cacheStampedeSeesTheHitRatioCollapse() throws Exception {
        try (RedisServer redis = RedisServer.start(); Jedis jedis = redis.client(); SpringAppServer app = SpringAppServer.start()) {
            jedis.set("cache:product:1", "hot");
            Pipeline p = jedis.pipelined();
            for (int i = 0; i < 1000; i++) {
                p.get("cache:product:" + (i % 4 == 0 ? 1 : 1000 + i));
            }
            p.sync();
            IrmCli.Result diagnose = new IrmCli().run("diagnose", "redis", "-o", "json", "--redis", redis.url());
            HttpDiagnoseTest.assertCheck(diagnose, "redis.cache-hit-collapse", "CRITICAL", "cache-stampede");
            assertEquals(25.0, diagnose.check("redis.cache-hit-collapse").path("metrics").path("hit_ratio_pct").asDouble(), 0.5);

            app.pool(8, 10, 2, 0);
            IrmCli.Result r = run("cache-stampede", app, redis.url());
            assertEquals(2, r.code(), r.toString());
            assertEquals("WARNING", finding(r, "http.stampede-db-pool").path("severity").asText());
        }
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
