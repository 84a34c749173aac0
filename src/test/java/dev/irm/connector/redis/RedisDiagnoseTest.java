package dev.irm.connector.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.testing.FreePorts;
import dev.irm.testing.IrmCli;
import dev.irm.testing.RedisServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** {@code irm diagnose redis} against real redis-server processes with the manuals' faults injected. */
class RedisDiagnoseTest {
    /** Liveness guard only (no hang); speed is measured in bench/, not asserted here. */
    private static final Duration NO_HANG = Duration.ofSeconds(20);

    @Test
    void healthyRedisIsOkAndExitsZero() throws Exception {
        try (RedisServer redis = RedisServer.start("--maxmemory", "64mb", "--maxmemory-policy", "allkeys-lru")) {
            IrmCli.Result r = new IrmCli().run("diagnose", "redis", "-o", "json", "--redis", redis.url());
            assertEquals(0, r.code(), r.toString());
            assertEquals("OK", r.json().path("status").asText());
            assertEquals("OK", r.check("redis.memory").path("status").asText());
            assertEquals("OK", r.check("redis.reachable").path("status").asText());
            assertEquals(0, r.json().path("findings").size(), r.out());
        }
    }

    @Test
    void memoryFullUnderNoevictionIsCriticalAndPointsToRedisOom() throws Exception {
        try (RedisServer redis = RedisServer.start("--maxmemory", "2mb", "--maxmemory-policy", "noeviction")) {
            redis.fillToMaxmemory();
            IrmCli.Result r = new IrmCli().run("diagnose", "redis", "-o", "json", "--redis", redis.url());
            assertEquals(2, r.code(), r.toString());
            JsonNode memory = r.check("redis.memory");
            assertEquals("CRITICAL", memory.path("status").asText());
            assertEquals("redis-oom", memory.path("runbook").asText());
            assertTrue(memory.path("metrics").path("used_pct").asDouble() >= 85, memory.toString());
            assertEquals("CRITICAL", r.check("redis.eviction").path("status").asText());
            JsonNode first = r.json().path("findings").get(0);
            assertEquals("CRITICAL", first.path("severity").asText());
            assertEquals("redis-oom", first.path("runbook").asText());
            assertEquals("CRITICAL", r.json().path("status").asText());
        }
    }

    @Test
    void unboundedMaxmemoryIsAWarning() throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            IrmCli.Result r = new IrmCli().run("diagnose", "redis", "-o", "json", "--redis", redis.url());
            assertEquals(1, r.code(), r.toString());
            assertEquals("WARNING", r.check("redis.memory").path("status").asText());
            assertTrue(r.check("redis.memory").path("summary").asText().contains("unbounded"));
        }
    }

    @Test
    void stoppedRedisIsACriticalFindingNotACrash() throws Exception {
        RedisServer redis = RedisServer.start();
        String url = redis.url();
        redis.close();
        IrmCli.Result r = assertTimeoutPreemptively(NO_HANG, () -> new IrmCli().run("diagnose", "redis", "-o", "json", "--redis", url));
        assertEquals(2, r.code(), r.toString());
        JsonNode reachable = r.check("redis.reachable");
        assertEquals("CRITICAL", reachable.path("status").asText());
        assertEquals("redis-down", reachable.path("runbook").asText());
        assertTrue(reachable.path("summary").asText().contains("connection refused"), reachable.toString());
        assertTrue(reachable.path("summary").asText().contains(url), reachable.toString());
        assertEquals("", r.err());
    }

    @Test
    void aPortThatNeverAnswersIsATimeoutFinding() throws Exception {
        try (FreePorts.BlackHole hole = FreePorts.blackHolePort()) {
            IrmCli.Result r = assertTimeoutPreemptively(NO_HANG, () -> new IrmCli().run("diagnose", "redis", "-o", "json",
                    "--redis", "redis://127.0.0.1:" + hole.port()));
            assertEquals(2, r.code(), r.toString());
            assertTrue(r.check("redis.reachable").path("summary").asText().contains("timeout"), r.out());
        }
    }

    @Test
    void passwordWorksAndIsNeverShown() throws Exception {
        String secret = "s3cr3t-Pa55word";
        try (RedisServer redis = RedisServer.start("--requirepass", secret, "--maxmemory", "64mb")) {
            String url = "redis://:" + secret + "@127.0.0.1:" + redis.port();
            IrmCli cli = new IrmCli();
            IrmCli.Result ok = cli.run("diagnose", "redis", "-o", "json", "--redis", url);
            assertEquals(0, ok.code(), ok.toString());
            assertFalse(ok.out().contains(secret) || ok.err().contains(secret), ok.toString());
            assertTrue(ok.out().contains("redis://:***@127.0.0.1:" + redis.port()), ok.out());

            IrmCli.Result viaEnv = new IrmCli().env("IRM_REDIS_URL", url).run("diagnose", "redis");
            assertEquals(0, viaEnv.code(), viaEnv.toString());
            assertFalse(viaEnv.out().contains(secret), viaEnv.out());

            IrmCli.Result wrong = cli.run("diagnose", "redis", "-o", "json", "--redis", "redis://:wrong-one@127.0.0.1:" + redis.port());
            assertEquals(2, wrong.code(), wrong.toString());
            assertTrue(wrong.check("redis.reachable").path("summary").asText().contains("auth failed"), wrong.out());
            assertFalse(wrong.out().contains("wrong-one"), wrong.out());

            IrmCli.Result run = cli.run("run", "redis-oom", "--dry-run", "--redis", url, "-o", "json");
            assertFalse(run.out().contains(secret), run.out());
            for (var record : cli.records()) {
                assertFalse(java.nio.file.Files.readString(record).contains(secret), record.toString());
            }
        }
    }

    @Test
    void diagnosticsChangeNothing() throws Exception {
        try (RedisServer redis = RedisServer.start("--maxmemory", "2mb", "--maxmemory-policy", "noeviction");
             Jedis jedis = redis.client()) {
            for (int i = 0; i < 50; i++) {
                jedis.set("cache:item:" + i, "v" + i);
            }
            jedis.zadd("queue:waiting", System.currentTimeMillis() - 60_000, "user-1");
            redis.fillToMaxmemory();
            String before = digest(jedis);
            String configBefore = jedis.configGet("*").toString();
            IrmCli cli = new IrmCli();
            cli.run("diagnose", "redis", "--redis", redis.url());
            cli.run("run", "redis-oom", "--dry-run", "--redis", redis.url());
            cli.run("run", "redis-down", "--redis", redis.url());
            assertEquals(before, digest(jedis));
            assertEquals(configBefore, jedis.configGet("*").toString());
        }
    }

    static String digest(Jedis jedis) {
        return String.valueOf(ReadOnlyRedis.decode(jedis.sendCommand(ReadOnlyRedis.command("DEBUG"), "DIGEST")));
    }
}
