package dev.irm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.engine.Status;
import dev.irm.testing.FreePorts;
import dev.irm.testing.IrmCli;
import dev.irm.testing.RedisServer;
import dev.irm.testing.SpringAppServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * States that mix, in {@code diagnose} and {@code run}, on a real Redis and the actuator/Prometheus
 * server: every exit code 0–3 comes out as monitoring-plugins' max_state_alt says (CRITICAL > WARNING >
 * UNKNOWN > OK > SKIPPED), findings are worst first, and the summary line always counts the UNKNOWNs.
 * Prometheus "absent" is a closed loopback port; Docker and Kubernetes are not configured (SKIPPED).
 */
class MixedStatesTest {
    private static RedisServer bounded;
    private static String closedPrometheus;

    @BeforeAll
    static void start() throws Exception {
        bounded = RedisServer.start("--maxmemory", "48mb", "--maxmemory-policy", "allkeys-lfu");
        closedPrometheus = "http://127.0.0.1:" + FreePorts.next();
    }

    @AfterAll
    static void stop() {
        bounded.close();
    }

    /**
     * No Docker socket, no kubeconfig: both platforms are "not configured". The context only lengthens
     * the call timeouts: this machine is shared, and a slow answer is not what these tests are about.
     */
    private static IrmCli cli() {
        IrmCli cli = new IrmCli();
        cli.env("HOME", cli.home().toString());
        cli.env("IRM_DOCKER_DEFAULT_SOCKET", cli.home().resolve("docker.sock").toString());
        try {
            java.nio.file.Files.writeString(cli.home().resolve("config.yaml"),
                    "currentContext: slow\ncontexts:\n  slow:\n    redis: {timeout: 4s}\n    http: {timeout: 4s}\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return cli;
    }

    private static IrmCli.Result diagnose(String redisUrl, SpringAppServer app, String prometheus, String... output) {
        List<String> args = new ArrayList<>(List.of("diagnose", "redis", "http", "docker", "--redis", redisUrl, "--app", app.url(),
                "--prometheus", prometheus));
        args.addAll(List.of(output));
        return cli().run(args.toArray(String[]::new));
    }

    private static IrmCli.Result run(String runbook, String redisUrl, SpringAppServer app, String prometheus, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", runbook, "--dry-run", "-o", "json", "--redis", redisUrl, "--app", app.url(),
                "--prometheus", prometheus));
        args.addAll(List.of(extra));
        return cli().run(args.toArray(String[]::new));
    }

    @Test
    void anOpenBreakerBesideAnAbsentPrometheusIsAWarningNotUnknown() {
        try (SpringAppServer app = SpringAppServer.start()) {
            app.breaker("ticketing-gateway", "OPEN");
            IrmCli.Result r = diagnose(bounded.url(), app, closedPrometheus, "-o", "json");
            assertEquals(1, r.code(), r.toString());
            assertEquals("WARNING", r.json().path("status").asText());
            assertEquals("WARNING", r.check("http.circuit-breakers").path("status").asText());
            assertTrue(hasStatus(r, Status.UNKNOWN), "Prometheus is absent, so its checks are UNKNOWN: " + r.out());
            assertEquals("SKIPPED", r.check("docker.configured").path("status").asText());
            assertEquals("WARNING", target(r, "http").path("status").asText(), "a target combines its checks the same way");
            assertWorstFirst(r.json().path("findings"));

            IrmCli.Result text = diagnose(bounded.url(), app, closedPrometheus);
            assertEquals(1, text.code(), text.toString());
            String summary = text.out().lines().filter(l -> l.startsWith("WARNING: ")).findFirst().orElse("");
            assertTrue(summary.matches("WARNING: 0 critical, 1 warning, [1-9]\\d* unknown · .*"), text.out());
        }
    }

    @Test
    void criticalBesideUnknownExits2() throws Exception {
        try (RedisServer full = RedisServer.start("--maxmemory", "3mb", "--maxmemory-policy", "noeviction");
             SpringAppServer app = SpringAppServer.start()) {
            full.fillToMaxmemory();
            IrmCli.Result r = diagnose(full.url(), app, closedPrometheus, "-o", "json");
            assertEquals(2, r.code(), r.toString());
            assertEquals("CRITICAL", r.json().path("status").asText());
            assertTrue(hasStatus(r, Status.UNKNOWN), r.out());
            assertEquals("CRITICAL", r.json().path("findings").get(0).path("severity").asText());
            assertWorstFirst(r.json().path("findings"));
        }
    }

    @Test
    void onlyUnknownExits3AndOkBesideSkippedExits0() {
        try (SpringAppServer app = SpringAppServer.start()) {
            IrmCli.Result unknown = diagnose(bounded.url(), app, closedPrometheus, "-o", "json");
            assertEquals(3, unknown.code(), unknown.toString());
            assertEquals("UNKNOWN", unknown.json().path("status").asText());
            for (JsonNode f : unknown.json().path("findings")) {
                assertEquals("UNKNOWN", f.path("severity").asText(), unknown.out());
            }

            IrmCli.Result healthy = diagnose(bounded.url(), app, app.url(), "-o", "json");
            assertEquals(0, healthy.code(), healthy.toString());
            assertEquals("OK", healthy.json().path("status").asText());
            assertEquals(0, healthy.json().path("findings").size(), healthy.out());
            assertTrue(hasStatus(healthy, Status.SKIPPED), "SKIPPED never raises the status: " + healthy.out());
            assertEquals("SKIPPED", target(healthy, "docker").path("status").asText());
        }
    }

    @Test
    void runCombinesTheSameWayForEveryExitCode() throws Exception {
        try (SpringAppServer app = SpringAppServer.start(); Jedis jedis = bounded.client()) {
            jedis.del("queue:waiting");
            IrmCli.Result unknown = run("traffic-spike", bounded.url(), app, closedPrometheus);
            assertEquals(3, unknown.code(), unknown.toString());
            assertEquals("UNKNOWN", unknown.json().path("status").asText());
            assertEquals("UNKNOWN", unknown.json().path("diagnostics").path("status").asText());

            IrmCli.Result ok = run("traffic-spike", bounded.url(), app, app.url());
            assertEquals(0, ok.code(), ok.toString());
            assertEquals(0, ok.json().path("findings").size(), ok.out());

            Pipeline p = jedis.pipelined();
            for (int i = 0; i < 320; i++) {
                p.zadd("queue:waiting", System.currentTimeMillis(), "visitor-" + i);
            }
            p.sync();
            IrmCli.Result warning = run("traffic-spike", bounded.url(), app, closedPrometheus, "--set", "scale_out_users=300");
            assertEquals(1, warning.code(), warning.toString());
            assertEquals("WARNING", warning.json().path("status").asText());
            assertEquals("WARNING", warning.json().path("findings").get(0).path("severity").asText(), warning.out());
            assertEquals("redis.spike-waiting-users", warning.json().path("findings").get(0).path("check").asText());
            assertTrue(findingStatuses(warning).contains("UNKNOWN"), warning.out());
            assertWorstFirst(warning.json().path("findings"));
            assertEquals("WARNING", warning.json().path("diagnostics").path("status").asText());
            jedis.del("queue:waiting");
        }
        try (RedisServer cache = RedisServer.start("--maxmemory", "32mb", "--maxmemory-policy", "allkeys-lru");
             Jedis jedis = cache.client(); SpringAppServer app = SpringAppServer.start()) {
            jedis.set("cache:seat-map:77", "hot");
            Pipeline p = jedis.pipelined();
            for (int i = 0; i < 800; i++) {
                p.get(i % 5 == 0 ? "cache:seat-map:77" : "cache:seat-map:gone-" + i);
            }
            p.sync();
            IrmCli.Result critical = run("cache-stampede", cache.url(), app, closedPrometheus, "--set", "hit_sample_window=0s");
            assertEquals(2, critical.code(), critical.toString());
            assertEquals("CRITICAL", critical.json().path("findings").get(0).path("severity").asText(), critical.out());
            assertTrue(findingStatuses(critical).contains("UNKNOWN"), "the p95 query has no Prometheus: " + critical.out());
            assertWorstFirst(critical.json().path("findings"));
        }
    }

    private static boolean hasStatus(IrmCli.Result r, Status status) {
        for (JsonNode t : r.json().path("targets")) {
            for (JsonNode c : t.path("checks")) {
                if (status.name().equals(c.path("status").asText())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<String> findingStatuses(IrmCli.Result r) {
        List<String> out = new ArrayList<>();
        r.json().path("findings").forEach(f -> out.add(f.path("severity").asText()));
        return out;
    }

    private static JsonNode target(IrmCli.Result r, String name) {
        for (JsonNode t : r.json().path("targets")) {
            if (name.equals(t.path("target").asText())) {
                return t;
            }
        }
        throw new AssertionError("no target " + name + " in " + r.out());
    }

    private static void assertWorstFirst(JsonNode findings) {
        Status previous = Status.CRITICAL;
        for (JsonNode f : findings) {
            Status s = Status.valueOf(f.path("severity").asText());
            assertTrue(Status.WORST_FIRST.compare(previous, s) <= 0, "worst first: " + s + " after " + previous + " in " + findings);
            previous = s;
        }
    }
}
