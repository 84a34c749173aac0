package dev.irm.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.support.Json;
import dev.irm.testing.AlertmanagerServer;
import dev.irm.testing.IrmCli;
import dev.irm.testing.IrmServeProcess;
import dev.irm.testing.LoopbackHttp;
import dev.irm.testing.PrometheusServer;
import dev.irm.testing.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.util.SafeEncoder;

/**
 * The whole path with real peers: a Redis filled past maxmemory under noeviction; {@code irm
 * diagnose -o prometheus} of it scraped by a real Prometheus whose rule fires; a real Alertmanager
 * posting to {@code irm serve} (its own JVM) with a bearer token; a loopback test sink recording
 * what irm sends. Waits are bounded polls (liveness), nothing is timed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServeAlertmanagerTest {
    private static final String TOKEN = "t0ken-" + Long.toHexString(System.nanoTime());
    private static final int CONCURRENCY = 2;
    private static RedisServer redis;
    private static LoopbackHttp sink;
    private static LoopbackHttp textfile;
    private static IrmServeProcess serve;
    private static AlertmanagerServer alertmanager;
    private static PrometheusServer prometheus;
    private static Path home;
    private static String digestBefore;
    private static Map<String, String> configBefore;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServer.start("--maxmemory", "3mb", "--maxmemory-policy", "noeviction");
        redis.fillToMaxmemory();
        try (Jedis jedis = redis.client()) {
            digestBefore = digest(jedis);
            configBefore = Map.of("maxmemory", jedis.configGet("maxmemory").get("maxmemory"),
                    "maxmemory-policy", jedis.configGet("maxmemory-policy").get("maxmemory-policy"));
        }
        sink = new LoopbackHttp();
        sink.failNext(1);
        home = Files.createTempDirectory("irm-serve-test");
        Files.writeString(home.resolve("config.yaml"), """
                serve:
                  dedupWindow: 10m
                  concurrency: %d
                  queue: 500
                  recent: 300
                  retries: 3
                  sinks:
                    - {name: test-hook, type: webhook, url: "%s/hook"}
                    - {name: test-slack, type: slack, urlEnv: TEST_SLACK_URL}
                """.formatted(CONCURRENCY, sink.url()));
        serve = IrmServeProcess.start(Map.of("IRM_CONFIG", home.resolve("config.yaml").toString(),
                        "XDG_STATE_HOME", home.resolve("state").toString(), "IRM_SERVE_TOKEN", TOKEN,
                        "TEST_SLACK_URL", sink.url() + "/slack", "USER", "tester"),
                "serve", "--listen", "127.0.0.1:0", "--queue", "50", "--redis", redis.url());
        alertmanager = AlertmanagerServer.start("""
                route:
                  receiver: irm
                  group_by: [alertname]
                  group_wait: 1s
                  group_interval: 1s
                  repeat_interval: 3s
                  routes:
                    - matchers: ['team="intruder"']
                      receiver: irm-wrong-token
                receivers:
                  - name: irm
                    webhook_configs:
                      - url: "%1$s/alerts"
                        send_resolved: false
                        http_config:
                          authorization: {type: Bearer, credentials: "%2$s"}
                  - name: irm-wrong-token
                    webhook_configs:
                      - url: "%1$s/alerts"
                        send_resolved: false
                        http_config:
                          authorization: {type: Bearer, credentials: "not-the-token"}
                """.formatted(serve.url(), TOKEN));
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {prometheus, alertmanager, serve, textfile, sink, redis}) {
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
    @Order(1)
    void aPrometheusRuleOnRedisMemoryFiresAndIrmRunsRedisOomDiagnosticsIntoTheSinks() throws Exception {
        IrmCli.Result diagnose = new IrmCli().run("diagnose", "redis", "-o", "prometheus", "--redis", redis.url());
        assertEquals(2, diagnose.code(), diagnose.toString());
        textfile = new LoopbackHttp();
        textfile.serveMetrics(diagnose.out());
        prometheus = PrometheusServer.start("""
                global: {scrape_interval: 1s, evaluation_interval: 1s}
                rule_files: [rules.yml]
                alerting:
                  alertmanagers: [{static_configs: [{targets: ["%s"]}]}]
                scrape_configs:
                  - job_name: irm-textfile
                    static_configs: [{targets: ["%s"]}]
                """.formatted(alertmanager.hostPort(), textfile.hostPort()), """
                groups:
                  - name: irm
                    rules:
                      - alert: RedisMemoryFull
                        expr: max by (target, check) (irm_check_status{check="redis.memory"}) >= 2
                        for: 2s
                        labels: {severity: critical}
                        annotations:
                          summary: Redis memory is full
                          runbook_url: https://runbooks.example.org/irm/redis-oom
                """);

        JsonNode hook = awaitHook("RedisMemoryFull", 1, Duration.ofSeconds(120)).get(0);
        assertEquals("redis-oom", hook.path("runbook").asText(), hook.toString());
        assertEquals("runbook_url", hook.path("matchedBy").asText(), hook.toString());
        assertEquals("CRITICAL", hook.path("status").asText(), hook.toString());
        JsonNode memory = finding(hook, "redis.memory");
        assertEquals("CRITICAL", memory.path("severity").asText());
        assertEquals("redis-oom", memory.path("runbook").asText());

        String record = Files.readString(Path.of(hook.path("record").asText()));
        assertTrue(record.contains("\"run.started\""), record);
        assertTrue(record.contains("mitigation.not-selected"), "mitigations recorded as not run: " + record);
        assertFalse(record.contains("mitigation.executed") || record.contains("consent.asked") || record.contains("mitigation.previewed"), record);

        awaitTrue(() -> sink.received("/slack").stream().anyMatch(r -> r.body().contains("RedisMemoryFull")), Duration.ofSeconds(30), "slack message");
        LoopbackHttp.Received slack = sink.received("/slack").stream().filter(r -> r.body().contains("RedisMemoryFull")
                && !r.body().startsWith("(answered 500)")).findFirst().orElseThrow();
        String text = Json.MAPPER.readTree(slack.body()).path("text").asText();
        assertTrue(text.contains("*CRITICAL*") && text.contains("redis.memory") && text.contains("irm run redis-oom"), text);
        assertTrue(sink.received().get(0).body().startsWith("(answered 500)"), "the first post was answered 500 and retried");
        assertEquals(0, serve.metric("irm_serve_sink_deliveries_total{sink=\"test-hook\",outcome=\"failed\"}")
                + serve.metric("irm_serve_sink_deliveries_total{outcome=\"failed\",sink=\"test-hook\"}"));

        awaitTrue(() -> metric("irm_serve_alerts_total{outcome=\"deduplicated\"}") >= 1, Duration.ofSeconds(60),
                "Alertmanager re-sends the same alert after repeat_interval; irm deduplicates it");
        assertEquals(1, hooks("RedisMemoryFull").size(), "the same alert again is not diagnosed again");
        assertRedisUnchanged();
    }

    @Test
    @Order(2)
    void aFloodOf200AlertsIsDiagnosedOnceEachNeverMoreThanTheConcurrencyAtOnce() throws Exception {
        StringBuilder alerts = new StringBuilder("[");
        Instant ends = Instant.now().plus(Duration.ofMinutes(30));
        // hit_sample_window 0s, a runbook variable taken from the alert's labels: the flood is about the queue,
        // dedup and concurrency, and 200 one-second hit-ratio windows at concurrency 2 would take 100 s
        for (int i = 0; i < 200; i++) {
            alerts.append(i == 0 ? "" : ",").append("""
                    {"labels": {"alertname": "RedisFlood", "shard": "%d", "runbook": "redis-oom", "hit_sample_window": "0s"},
                     "annotations": {"summary": "flood %d"}, "endsAt": "%s", "generatorURL": "http://prometheus.example/graph"}
                    """.formatted(i, i, ends));
        }
        alertmanager.postAlerts(alerts.append("]").toString());

        List<JsonNode> diagnosed = awaitHook("RedisFlood", 200, Duration.ofSeconds(400));
        Set<String> fingerprints = new HashSet<>();
        diagnosed.forEach(d -> fingerprints.add(d.path("fingerprint").asText()));
        assertEquals(200, fingerprints.size(), "every alert diagnosed");
        assertEquals(200, diagnosed.size(), "none twice");
        double most = metric("irm_serve_diagnoses_running_max");
        assertTrue(most >= 1 && most <= CONCURRENCY, "at most " + CONCURRENCY + " at once, measured " + most);
        assertTrue(metric("irm_serve_http_responses_total{code=\"503\"}") >= 1,
                "the queue (50, from --queue over the config's 500) overflowed and Alertmanager retried");
        diagnosed.forEach(d -> assertEquals("CRITICAL", d.path("status").asText(), d.toString()));
        assertRedisUnchanged();
    }

    @Test
    @Order(3)
    void aWrongBearerTokenIsAnswered401AndNothingRuns() throws Exception {
        double before = metric("irm_serve_http_responses_total{code=\"401\"}");
        alertmanager.postAlerts("""
                [{"labels": {"alertname": "IntruderAlert", "team": "intruder", "runbook": "redis-oom"},
                  "annotations": {"summary": "from a receiver with the wrong token"}}]
                """);
        awaitTrue(() -> metric("irm_serve_http_responses_total{code=\"401\"}") > before, Duration.ofSeconds(60), "a 401");
        assertTrue(serve.log().contains("POST /alerts 401"), serve.log());
        assertTrue(hooks("IntruderAlert").isEmpty());
        JsonNode recent = Json.MAPPER.readTree(serve.get("/alerts/recent", TOKEN).body());
        recent.forEach(d -> assertFalse(d.path("alertname").asText().equals("IntruderAlert")));
        assertEquals(401, serve.get("/alerts/recent", "wrong").statusCode());
    }

    @Test
    @Order(4)
    void sigtermStopsGracefully() throws Exception {
        int code = serve.terminate(Duration.ofSeconds(30));
        assertEquals(143, code, "exit on SIGTERM after the stop hook: " + serve.log());
        assertTrue(serve.log().contains("irm serve: stopped"), serve.log());
        assertFalse(serve.log().contains("Exception"), serve.log());
    }

    private static void assertRedisUnchanged() {
        try (Jedis jedis = redis.client()) {
            assertEquals(digestBefore, digest(jedis), "DEBUG DIGEST unchanged: no mitigation ran");
            assertEquals(configBefore.get("maxmemory"), jedis.configGet("maxmemory").get("maxmemory"));
            assertEquals(configBefore.get("maxmemory-policy"), jedis.configGet("maxmemory-policy").get("maxmemory-policy"));
        }
    }

    private static String digest(Jedis jedis) {
        Object reply = jedis.sendCommand(() -> SafeEncoder.encode("DEBUG"), "DIGEST");
        return reply instanceof byte[] bytes ? SafeEncoder.encode(bytes) : String.valueOf(reply);
    }

    private static double metric(String sample) {
        try {
            return serve.metric(sample);
        } catch (Exception e) {
            throw new AssertionError("GET /metrics: " + e, e);
        }
    }

    private static List<JsonNode> hooks(String alertname) {
        List<JsonNode> out = new ArrayList<>();
        for (LoopbackHttp.Received r : sink.received("/hook")) {
            if (r.body().startsWith("(answered 500)")) {
                continue;
            }
            try {
                JsonNode d = Json.MAPPER.readTree(r.body());
                if (alertname.equals(d.path("alertname").asText())) {
                    out.add(d);
                }
            } catch (Exception e) {
                throw new AssertionError("sink body is not JSON: " + r.body(), e);
            }
        }
        return out;
    }

    private static List<JsonNode> awaitHook(String alertname, int count, Duration atMost) throws Exception {
        awaitTrue(() -> hooks(alertname).size() >= count, atMost, count + " diagnoses of " + alertname + " at the sink");
        return hooks(alertname);
    }

    private static JsonNode finding(JsonNode diagnosis, String check) {
        for (JsonNode f : diagnosis.path("findings")) {
            if (check.equals(f.path("check").asText())) {
                return f;
            }
        }
        throw new AssertionError("no finding " + check + " in " + diagnosis);
    }

    private static void awaitTrue(BooleanSupplier condition, Duration atMost, String what) throws Exception {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + atMost.toSeconds() + " s: " + what + "\n--- irm serve log\n" + tail(serve.log())
                        + "\n--- alertmanager\n" + alertmanager.logTail() + (prometheus == null ? "" : "\n--- prometheus\n" + prometheus.logTail()));
            }
            Thread.sleep(250);
        }
    }

    private static String tail(String log) {
        List<String> lines = log.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
