package dev.irm.connector.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.testing.IrmCli;
import dev.irm.testing.RedisServer;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * The hit ratio is judged over a recent window (INFO stats samples), not since the server
 * started: a collapse happening now shows through a long history of hits. A test thread keeps
 * serving lookups against a real redis-server while irm diagnoses it.
 */
class RedisHitWindowTest {

    /** Keeps looking up {@code hits} present and {@code misses} absent keys per round until stopped. */
    private static final class Traffic implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong rounds = new AtomicLong();
        private final Thread thread;

        Traffic(RedisServer redis, int hits, int misses) {
            thread = new Thread(() -> {
                try (Jedis jedis = redis.client()) {
                    long round = 0;
                    while (running.get()) {
                        Pipeline p = jedis.pipelined();
                        for (int i = 0; i < hits; i++) {
                            p.get("venue:seatmap:" + (i % 40));
                        }
                        for (int i = 0; i < misses; i++) {
                            p.get("venue:seatmap:expired-" + round + "-" + i);
                        }
                        p.sync();
                        rounds.incrementAndGet();
                        round++;
                        Thread.sleep(1);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "lookup-traffic");
            thread.setDaemon(true);
            thread.start();
        }

        /** Waits until the traffic is flowing, so the window sees it from its first sample. */
        Traffic flowing() throws InterruptedException {
            while (rounds.get() < 20) {
                Thread.sleep(5);
            }
            return this;
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(5_000);
        }
    }

    private static void history(RedisServer redis, int hits) {
        try (Jedis jedis = redis.client()) {
            for (int i = 0; i < 40; i++) {
                jedis.set("venue:seatmap:" + i, "rows:" + i);
            }
            Pipeline p = jedis.pipelined();
            for (int i = 0; i < hits; i++) {
                p.get("venue:seatmap:" + (i % 40));
            }
            p.sync();
        }
    }

    /** {@code lookups} lookups, once: of {@code key} (present) where {@code hit} says so, else of absent keys; then no traffic. */
    private static void lookUpOnce(RedisServer redis, String key, int lookups, java.util.function.IntPredicate hit) {
        try (Jedis jedis = redis.client()) {
            jedis.set(key, "1");
            Pipeline p = jedis.pipelined();
            for (int i = 0; i < lookups; i++) {
                p.get(hit.test(i) ? key : key + ":absent-" + i);
            }
            p.sync();
        }
    }

    private static IrmCli cli(String window) throws Exception {
        IrmCli cli = new IrmCli();
        Files.writeString(cli.home().resolve("config.yaml"), "currentContext: box\ncontexts:\n  box:\n"
                + "    redis: {timeout: 4s}\n    variables: {hit_sample_window: " + window + "}\n");
        return cli;
    }

    /** {@code irm diagnose redis} while {@code hits} present and {@code misses} absent keys are looked up per round. */
    private static IrmCli.Result diagnoseUnderTraffic(RedisServer redis, String window, int hits, int misses) throws Exception {
        try (Traffic ignored = new Traffic(redis, hits, misses).flowing()) {
            return cli(window).run("diagnose", "redis", "-o", "json", "--redis", redis.url());
        }
    }

    @Test
    void aCollapseHappeningNowIsSeenThroughALongHistoryOfHits() throws Exception {
        try (RedisServer redis = RedisServer.start("--maxmemory", "56mb", "--maxmemory-policy", "allkeys-lru")) {
            history(redis, 60_000);
            IrmCli.Result r = diagnoseUnderTraffic(redis, "2s", 3, 4);
            assertEquals(1, r.code(), r.toString());
            JsonNode oom = r.check("redis.hit-ratio");
            assertEquals("WARNING", oom.path("status").asText(), oom.toString());
            assertEquals("redis-oom", oom.path("runbook").asText());
            assertTrue(oom.path("summary").asText().matches("hit ratio [\\d.]+% over the last [\\d.]+ s, [\\d,]+ lookups .*"), oom.toString());
            double seconds = oom.path("metrics").path("window_s").asDouble();
            assertTrue(seconds >= 0.4 && seconds <= 2.5, "from a fifth of the configured window to all of it: " + oom);
            assertTrue(seconds >= 2.0 || oom.path("metrics").path("hit_lookups").asLong() >= 1_000,
                    "a window ends early only once it holds enough lookups: " + oom);
            double window = oom.path("metrics").path("hit_ratio_pct").asDouble();
            assertTrue(window > 40 && window < 46, "3 of 7 lookups hit in the window: " + oom);
            assertTrue(oom.path("metrics").path("hit_ratio_since_start_pct").asDouble() > 70,
                    "since start the history hides the collapse: " + oom);
            assertTrue(oom.path("metrics").path("hit_lookups").asLong() >= 100, oom.toString());

            JsonNode stampede = r.check("redis.cache-hit-collapse");
            assertEquals("WARNING", stampede.path("status").asText(), "42.9 % is under cache-stampede's 70 %, over its 40 %: " + stampede);
            assertEquals("cache-stampede", stampede.path("runbook").asText());
            assertTrue(stampede.path("summary").asText().contains("over the last "), stampede.toString());
        }
    }

    @Test
    void healthyHitsNowAreOk() throws Exception {
        try (RedisServer redis = RedisServer.start("--maxmemory", "56mb", "--maxmemory-policy", "allkeys-lru")) {
            history(redis, 5_000);
            IrmCli.Result r = diagnoseUnderTraffic(redis, "1s", 19, 1);
            assertEquals(0, r.code(), r.toString());
            for (String id : new String[] {"redis.hit-ratio", "redis.cache-hit-collapse"}) {
                JsonNode c = r.check(id);
                assertEquals("OK", c.path("status").asText(), c.toString());
                assertTrue(c.path("summary").asText().contains("over the last "), c.toString());
            }
            assertEquals(0, r.json().path("findings").size(), r.out());
        }
    }

    @Test
    void aCollapseOnAFreshServerIsJudgedWhileTrafficFlows() throws Exception {
        try (RedisServer redis = RedisServer.start("--maxmemory", "56mb", "--maxmemory-policy", "allkeys-lru")) {
            history(redis, 0);
            IrmCli.Result r = diagnoseUnderTraffic(redis, "1s", 1, 8);
            assertEquals(2, r.code(), "11 % is under cache-stampede's 40 %: " + r);
            JsonNode oom = r.check("redis.hit-ratio");
            assertEquals("WARNING", oom.path("status").asText(), oom.toString());
            assertEquals("redis-oom", oom.path("runbook").asText());
            double window = oom.path("metrics").path("hit_ratio_pct").asDouble();
            assertTrue(window > 9 && window < 14, "1 of 9 lookups hit in the window: " + oom);
            assertTrue(oom.path("summary").asText().matches("hit ratio [\\d.]+% over the last [\\d.]+ s, [\\d,]+ lookups .*"), oom.toString());
            JsonNode stampede = r.check("redis.cache-hit-collapse");
            assertEquals("CRITICAL", stampede.path("status").asText(), stampede.toString());
            assertTrue(stampede.path("metrics").path("hit_lookups").asLong() >= 100, stampede.toString());
        }
    }

    @Test
    void anIdleServerWithABadHistoryIsNotJudgedFromIt() throws Exception {
        try (RedisServer redis = RedisServer.start("--maxmemory", "56mb", "--maxmemory-policy", "allkeys-lru")) {
            lookUpOnce(redis, "queue:active", 1_010, i -> i < 10);
            IrmCli.Result r = cli("1s").run("diagnose", "redis", "-o", "json", "--redis", redis.url());
            assertEquals(0, r.code(), "a quiet system is healthy: " + r);
            assertEquals(0, r.json().path("findings").size(), r.out());
            for (String id : new String[] {"redis.hit-ratio", "redis.cache-hit-collapse"}) {
                JsonNode c = r.check(id);
                assertEquals("SKIPPED", c.path("status").asText(), c.toString());
                String summary = c.path("summary").asText();
                assertTrue(summary.contains("over the last ") && summary.contains("too little traffic to judge"), summary);
                assertTrue(c.path("metrics").path("hit_lookups").asLong() < 100, c.toString());
                assertTrue(c.path("metrics").path("hit_ratio_since_start_pct").asDouble() < 5,
                        "since start stays a metric (10 of 1,010 hit, plus irm's own reads): " + c);
            }
        }
    }

    @Test
    void withoutAWindowTheHistoryIsJudgedAndSaysSo() throws Exception {
        try (RedisServer redis = RedisServer.start("--maxmemory", "56mb", "--maxmemory-policy", "allkeys-lru")) {
            lookUpOnce(redis, "venue:seatmap:1", 450, i -> i % 9 == 0);
            IrmCli.Result r = cli("0s").run("diagnose", "redis", "-o", "json", "--redis", redis.url());
            assertEquals(2, r.code(), "11 % since start is under cache-stampede's 40 %: " + r);
            JsonNode stampede = r.check("redis.cache-hit-collapse");
            assertEquals("CRITICAL", stampede.path("status").asText(), stampede.toString());
            assertTrue(stampede.path("summary").asText().startsWith("hit ratio 11") && stampede.path("summary").asText().contains("since Redis started"),
                    stampede.toString());
        }
    }
}
