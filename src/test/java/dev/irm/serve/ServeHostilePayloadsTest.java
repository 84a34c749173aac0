package dev.irm.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.support.Json;
import dev.irm.testing.CommandResult;
import dev.irm.testing.IrmCli;
import dev.irm.testing.IrmServeProcess;
import dev.irm.testing.PrometheusServer;
import dev.irm.testing.RedisServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.util.SafeEncoder;

/**
 * {@code irm serve} (its own JVM, token from a file, 4 KiB body limit, one diagnosis at a time,
 * a queue of one) against hostile and broken requests, with a real Redis behind it: each is one
 * log line and the right status, the server keeps answering, labels never reach a command.
 */
class ServeHostilePayloadsTest {
    private static final String TOKEN = "file-token-" + Long.toHexString(System.nanoTime());
    private static RedisServer redis;
    private static IrmServeProcess serve;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServer.start("--maxmemory", "64mb", "--maxmemory-policy", "allkeys-lru");
        try (Jedis jedis = redis.client()) {
            jedis.set("cache:a", "1");
            jedis.set("queue:job", "2");
        }
        Path home = Files.createTempDirectory("irm-serve-hostile");
        Path tokenFile = Files.writeString(home.resolve("token"), TOKEN + "\n");
        Files.writeString(home.resolve("config.yaml"), """
                serve:
                  tokenFile: "%s"
                  maxBodyBytes: 4096
                  concurrency: 1
                  queue: 1
                  dedupWindow: 1h
                """.formatted(tokenFile));
        serve = IrmServeProcess.start(Map.of("IRM_CONFIG", home.resolve("config.yaml").toString(),
                "XDG_STATE_HOME", home.resolve("state").toString(), "USER", "tester"), "serve", "--listen", "127.0.0.1:0", "--redis", redis.url());
    }

    @AfterAll
    static void stop() {
        if (serve != null) {
            serve.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    private static HttpResponse<String> post(String token, String type, String body) throws Exception {
        return serve.post("/alerts", token, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static String payload(String alerts) {
        return "{\"version\":\"4\",\"status\":\"firing\",\"receiver\":\"irm\",\"alerts\":[" + alerts + "]}";
    }

    @Test
    void brokenAndHostileRequestsGetOneLogLineAndTheRightStatus() throws Exception {
        String ok = payload("{\"status\":\"resolved\",\"labels\":{\"alertname\":\"RedisOom\"}}");
        assertEquals(200, serve.get("/healthz", null).statusCode());
        assertEquals(405, serve.get("/alerts", TOKEN).statusCode());
        assertEquals(401, post(null, "application/json", ok).statusCode());
        assertEquals(401, post(TOKEN + "x", "application/json", ok).statusCode());
        assertEquals(401, post(TOKEN.substring(1), "application/json", ok).statusCode());
        assertEquals(415, post(TOKEN, "text/plain", ok).statusCode());
        assertEquals(415, post(TOKEN, null, ok).statusCode());
        assertEquals(413, post(TOKEN, "application/json", payload("{\"labels\":{\"x\":\"" + "a".repeat(5000) + "\"}}")).statusCode());
        assertEquals(400, post(TOKEN, "application/json", "{not json").statusCode());
        assertEquals(400, post(TOKEN, "application/json", "[".repeat(1000) + "]".repeat(1000)).statusCode());
        assertEquals(400, post(TOKEN, "application/json", "{\"version\":\"3\",\"alerts\":[]}").statusCode());
        assertEquals(400, post(TOKEN, "application/json", "{\"version\":\"4\",\"alerts\":{}}").statusCode());
        assertEquals(400, post(TOKEN, "application/json", payload("{\"status\":\"firing\",\"labels\":{\"alertname\":{\"deep\":1}}}")).statusCode());
        HttpResponse<String> resolved = post(TOKEN, "application/json; charset=utf-8", ok);
        assertEquals(200, resolved.statusCode());
        assertEquals(1, Json.MAPPER.readTree(resolved.body()).path("resolved").asInt(), "resolved alerts are not diagnosed");

        String log = serve.log();
        assertEquals(3, count(log, "POST /alerts 401"), log);
        assertEquals(2, count(log, "POST /alerts 415"), log);
        assertEquals(1, count(log, "POST /alerts 413"), log);
        assertEquals(5, count(log, "POST /alerts 400"), log);
        assertTrue(log.contains("nesting deeper than 16"), log);
        assertFalse(log.contains(TOKEN), "the token is never logged");
        assertFalse(log.contains("Exception") || log.contains("\tat "), log);
        assertEquals(200, serve.get("/healthz", null).statusCode(), "still answering");
    }

    @Test
    void unknownRunbookNamesAndInjectionInLabelsNeverReachACommand() throws Exception {
        String before;
        try (Jedis jedis = redis.client()) {
            before = digest(jedis);
        }
        HttpResponse<String> r = post(TOKEN, "application/json", payload("""
                {"status":"firing","fingerprint":"inject1",
                 "labels":{"alertname":"SomethingOdd","runbook":"../../etc/passwd","redis_service":"redis\\"; FLUSHALL","cache_pattern":"*",
                           "warn_pct":"1; DROP TABLE x"},
                 "annotations":{"summary":"OOM command not allowed when used memory > 'maxmemory'"}},
                {"status":"firing","fingerprint":"nomatch1","labels":{"alertname":"Zzqx"}}
                """));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode d = awaitRecent("inject1");
        assertEquals("redis-oom", d.path("runbook").asText(), d.toString());
        assertEquals("triage", d.path("matchedBy").asText(), d.toString());
        String notes = d.path("notes").toString();
        assertTrue(notes.contains("runbook '../../etc/passwd' is no runbook"), notes);
        assertTrue(notes.contains("label redis_service: does not match"), notes);
        assertTrue(notes.contains("label cache_pattern: does not match"), notes);
        assertTrue(notes.contains("label warn_pct: not"), notes);
        String record = Files.readString(Path.of(d.path("record").asText()));
        assertFalse(record.contains("FLUSHALL") || record.contains("DROP TABLE"), "skipped labels are not variables: " + record);
        assertTrue(serve.log().contains("alert Zzqx (nomatch1): not diagnosed"), serve.log());
        try (Jedis jedis = redis.client()) {
            assertEquals(before, digest(jedis), "DEBUG DIGEST unchanged");
            assertEquals("1", jedis.get("cache:a"));
        }
    }

    @Test
    void aFullQueueAnswers503AndWhatWasRefusedIsTakenWhenSentAgain() throws Exception {
        StringBuilder alerts = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            alerts.append(i == 0 ? "" : ",").append("{\"status\":\"firing\",\"fingerprint\":\"q").append(i)
                    .append("\",\"labels\":{\"alertname\":\"RedisOom\",\"n\":\"").append(i).append("\"}}");
        }
        String body = payload(alerts.toString());
        HttpResponse<String> first = post(TOKEN, "application/json", body);
        assertEquals(503, first.statusCode(), "one running, one queued, the rest refused: " + first.body());
        assertTrue(first.headers().firstValue("Retry-After").isPresent());
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        HttpResponse<String> again = first;
        while (again.statusCode() == 503 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            again = post(TOKEN, "application/json", body);
        }
        assertEquals(200, again.statusCode(), "as Alertmanager retries, every alert is taken: " + again.body());
        for (int i = 0; i < 20; i++) {
            awaitRecent("q" + i);
        }
        JsonNode recent = Json.MAPPER.readTree(serve.get("/alerts/recent", TOKEN).body());
        int q = 0;
        for (JsonNode d : recent) {
            q += d.path("fingerprint").asText().matches("q\\d+") ? 1 : 0;
        }
        assertEquals(20, q, "each diagnosed once: " + recent);
        assertEquals(1, serve.metric("irm_serve_diagnoses_running_max"));
    }

    @Test
    void metricsAreValidExposition() throws Exception {
        HttpResponse<String> metrics = serve.get("/metrics", null);
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        CommandResult lint = PrometheusServer.checkMetrics(metrics.body());
        assertEquals(0, lint.exitCode(), lint.output() + "\n" + metrics.body());
        assertTrue(metrics.body().contains("# TYPE irm_serve_alerts_total counter"), metrics.body());
    }

    @Test
    void badServeSettingsAreOneLineAndExit64() throws Exception {
        IrmCli cli = new IrmCli();
        Files.writeString(cli.home().resolve("config.yaml"), "serve:\n  sinks:\n    - {type: email, url: \"http://127.0.0.1:1/\"}\n");
        IrmCli.Result r = cli.run("serve", "--listen", "127.0.0.1:0");
        assertEquals(64, r.code(), r.toString());
        assertEquals("irm: serve.sinks[0].type: 'email', expected webhook or slack", r.err().strip());
        Files.writeString(cli.home().resolve("config.yaml"), "serve:\n  concurency: 2\n");
        IrmCli.Result typo = cli.run("serve");
        assertEquals(65, typo.code(), typo.toString());
        assertTrue(typo.err().contains("config.yaml:") && typo.err().contains("unknown field 'concurency'"), typo.err());
        IrmCli.Result listen = new IrmCli().run("serve", "--listen", "localhost");
        assertEquals(64, listen.code(), listen.toString());
        assertTrue(listen.err().contains("expected ADDR:PORT"), listen.err());
    }

    @Test
    void listeningBeyondLoopbackWithoutATokenIsRefused() {
        IrmCli.Result r = new IrmCli().run("serve", "--listen", "0.0.0.0:0");
        assertEquals(64, r.code(), r.toString());
        assertTrue(r.err().contains("needs a bearer token"), r.err());
        IrmCli.Result missing = new IrmCli().run("serve", "--listen", "127.0.0.1:0", "--token-env", "IRM_TEST_NO_SUCH_TOKEN");
        assertEquals(64, missing.code(), missing.toString());
        assertTrue(missing.err().contains("$IRM_TEST_NO_SUCH_TOKEN (the bearer token) is not set"), missing.err());
    }

    private static JsonNode awaitRecent(String fingerprint) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            for (JsonNode d : Json.MAPPER.readTree(serve.get("/alerts/recent", TOKEN).body())) {
                if (fingerprint.equals(d.path("fingerprint").asText())) {
                    return d;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no diagnosis of " + fingerprint + "\n" + serve.log());
            }
            Thread.sleep(200);
        }
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private static String digest(Jedis jedis) {
        Object reply = jedis.sendCommand(() -> SafeEncoder.encode("DEBUG"), "DIGEST");
        return reply instanceof byte[] bytes ? SafeEncoder.encode(bytes) : String.valueOf(reply);
    }
}
