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
 * The hit ratio is judged over a recent window (two INFO stats samples), not since the server
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

    private static IrmCli cli(String window) throws Exception {
        IrmCli cli = new IrmCli();
        Files.writeString(cli.home().resolve("config.yaml"), "currentContext: box\ncontexts:\n  box:\n"
                + "    redis: {timeout: 4s}\n    variables: {hit_sample_window: " + window + "}\n");
        return cli;
    }

    @Test
    void aCollapseHappeningNowIsSeenThroughALongHistoryOfHits() throws Exception {
        try (RedisServer redis = RedisServer.start("--maxmemory", "56mb", "--maxmemory-policy", "allkeys-lru")) {
            history(redis, 60_000);
            IrmCli.Result r;
            try (Traffic ignored = new Traffic(redis, 3, 4).flowing()) {
                r = cli("2s").run("diagnose", "redis", "-o", "json", "--redis", redis.url());
            }
            assertEquals(1, r.code(), r.toString());
            JsonNode oom = r.check("redis.hit-ratio");
            assertEquals("WARNING", oom.path("status").asText(), oom.toString());
            assertEquals("redis-oom", oom.path("runbook").asText());
            assertTrue(oom.path("summary").asText().matches("hit ratio [\\d.]+% over the last 2(\\.\\d)? s, [\\d,]+ lookups .*"), oom.toString());
            assertTrue(oom.path("metrics").path("window_s").asDouble() >= 2.0, "at least the configured window: " + oom);
            double window = oom.path("metrics").path("hit_ratio_pct").asDouble();
            assertTrue(window > 40 && window < 46, "3 of 7 lookups hit in the window: " + oom);
            assertTrue(oom.path("metrics").path("hit_ratio_since_start_pct").asDouble() > 70,
                    "since start the history hides the collapse: " + oom);
            assertTrue(oom.path("metrics").path("hit_lookups").asLong() >= 100, oom.toString());

            JsonNode stampede = r.check("redis.cache-hit-collapse");
            assertEquals("WARNING", stampede.path("status").asText(), "42.9 % is under cache-stampede's 70 %, over its 40 %: " + stampede);
            assertEquals("cache-stampede", stampede.path("runbook").asText());
            assertTrue(stampede.path("summary").asText().contains("over the last 2"), stampede.toString());
        }
    }

    @Test
    void healthyHitsNowAreOk() throws Exception {
        try (RedisServer redis = RedisServer.start("--maxmemory", "56mb", "--maxmemory-policy", "allkeys-lru")) {
            history(redis, 5_000);
            IrmCli.Result r;
            try (Traffic ignored = new Traffic(redis, 19, 1).flowing()) {
                r = cli("1s").run("diagnose", "redis", "-o", "json", "--redis", redis.url());
            }
            assertEquals(0, r.code(), r.toString());
            for (String id : new String[] {"redis.hit-ratio", "redis.cache-hit-collapse"}) {
                JsonNode c = r.check(id);
                assertEquals("OK", c.path("status").asText(), c.toString());
                assertTrue(c.path("summary").asText().contains("over the last 1"), c.toString());
            }
            assertEquals(0, r.json().path("findings").size(), r.out());
        }
    }

    @Test
    void aFreshServerWithFewRecentLookupsIsJudgedSinceStartAndSaysSo() throws Exception {
        try (RedisServer redis = RedisServer.start("--maxmemory", "56mb", "--maxmemory-policy", "allkeys-lru"); Jedis jedis = redis.client()) {
            jedis.set("venue:seatmap:1", "rows");
            Pipeline p = jedis.pipelined();
            for (int i = 0; i < 450; i++) {
                p.get(i % 9 == 0 ? "venue:seatmap:1" : "venue:seatmap:cold-" + i);
            }
            p.sync();
            IrmCli.Result r = cli("1s").run("diagnose", "redis", "-o", "json", "--redis", redis.url());
            assertEquals(2, r.code(), "11 % is under cache-stampede's 40 %: " + r);
            JsonNode oom = r.check("redis.hit-ratio");
            assertEquals("WARNING", oom.path("status").asText(), "judged, not SKIPPED: " + oom);
            assertEquals("redis-oom", oom.path("runbook").asText());
            assertEquals(11.1, oom.path("metrics").path("hit_ratio_since_start_pct").asDouble(), 0.5, oom.toString());
            String summary = oom.path("summary").asText();
            assertTrue(summary.startsWith("hit ratio 11"), summary);
            assertTrue(summary.contains("since Redis started") && summary.contains("too few to judge"), summary);
            assertEquals("CRITICAL", r.check("redis.cache-hit-collapse").path("status").asText());
        }
    }
}
