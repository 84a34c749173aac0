package dev.irm.connector.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.support.Json;
import dev.irm.testing.IrmCli;
import dev.irm.testing.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/** {@code irm run redis-oom}: the consent gate, dry run and confirmed mitigations against a full Redis. */
class RedisRunbookTest {

    /** Fills a 4 MiB Redis with cache keys (safe to drop) and a few queue keys (must survive). */
    private static void fillWithCache(Jedis jedis) {
        jedis.zadd("queue:waiting", System.currentTimeMillis(), "user-1");
        jedis.set("reservation:payment:lock:42", "owner");
        String value = "c".repeat(8 * 1024);
        for (int i = 0; ; i++) {
            try {
                jedis.set("cache:concert:" + i, value);
            } catch (RuntimeException oom) {
                assertTrue(oom.getMessage().contains("OOM"), oom.getMessage());
                return;
            }
        }
    }

    private static long count(Jedis jedis, String pattern) {
        long n = 0;
        String cursor = "0";
        do {
            ScanResult<String> page = jedis.scan(cursor, new ScanParams().match(pattern).count(1000));
            n += page.getResult().size();
            cursor = page.getCursor();
        } while (!"0".equals(cursor));
        return n;
    }

    @Test
    void dryRunRunsDiagnosticsAndPrintsMitigationsWithoutChangingAnything() throws Exception {
        try (RedisServer redis = RedisServer.start("--maxmemory", "4mb", "--maxmemory-policy", "noeviction");
             Jedis jedis = redis.client()) {
            fillWithCache(jedis);
            long cacheKeys = count(jedis, "cache:*");
            String before = RedisDiagnoseTest.digest(jedis);
            IrmCli cli = new IrmCli();
            IrmCli.Result r = cli.run("run", "redis-oom", "--dry-run", "--redis", redis.url(), "-o", "json");
            assertEquals(2, r.code(), r.toString());
            JsonNode mitigation = r.json().path("mitigations").get(0);
            assertEquals("delete_cache", mitigation.path("step").asText());
            assertEquals("DRY_RUN", mitigation.path("decision").asText());
            assertEquals(cacheKeys, mitigation.path("affected").asLong());
            assertTrue(mitigation.path("command").asText().contains("SCAN MATCH cache:*"), mitigation.toString());
            assertEquals(before, RedisDiagnoseTest.digest(jedis));
            assertEquals(1, cli.records().size());
            JsonNode diagnostics = r.json().path("diagnostics");
            assertEquals("CRITICAL", diagnostics.path("status").asText(), diagnostics.toString());
            assertEquals("redis", diagnostics.path("targets").get(0).path("target").asText());
            assertEquals("redis-oom", diagnostics.path("findings").get(0).path("runbook").asText());
        }
    }

    @Test
    void withoutTerminalOrYesTheMitigationIsRefusedWithExit4() throws Exception {
        try (RedisServer redis = RedisServer.start("--maxmemory", "4mb", "--maxmemory-policy", "noeviction");
             Jedis jedis = redis.client()) {
            fillWithCache(jedis);
            String before = RedisDiagnoseTest.digest(jedis);
            IrmCli.Result r = new IrmCli().run("run", "redis-oom", "--redis", redis.url());
            assertEquals(4, r.code(), r.toString());
            assertTrue(r.out().contains("no terminal to ask and no --yes"), r.out());
            assertEquals(before, RedisDiagnoseTest.digest(jedis));
        }
    }

    @Test
    void confirmedPatternDeleteRemovesExactlyTheCacheKeys() throws Exception {
        try (RedisServer redis = RedisServer.start("--maxmemory", "4mb", "--maxmemory-policy", "noeviction");
             Jedis jedis = redis.client()) {
            fillWithCache(jedis);
            long cacheKeys = count(jedis, "cache:*");
            long others = jedis.dbSize() - cacheKeys;
            IrmCli cli = new IrmCli();
            IrmCli.Result r = cli.run("run", "redis-oom", "--yes", "--redis", redis.url(), "-o", "json");
            JsonNode mitigations = r.json().path("mitigations");
            assertEquals("EXECUTED", mitigations.get(0).path("decision").asText(), r.out());
            assertEquals(cacheKeys, mitigations.get(0).path("result").path("deleted").asLong());
            assertEquals(0, count(jedis, "cache:*"));
            assertEquals(others, jedis.dbSize());
            assertEquals(1, jedis.exists("queue:waiting") ? 1 : 0);
            assertEquals("noeviction", jedis.configGet("maxmemory-policy").get("maxmemory-policy"),
                    "memory recovered, so the policy step must not have run");
            assertConsentRecorded(cli.records().get(0));
        }
    }

    @Test
    void flushdbNeedsTheTypedWordEvenWithYes() throws Exception {
        try (RedisServer redis = RedisServer.start("--maxmemory", "2mb", "--maxmemory-policy", "noeviction");
             Jedis jedis = redis.client()) {
            redis.fillToMaxmemory();
            long keys = jedis.dbSize();
            IrmCli cli = new IrmCli();
            IrmCli.Result refused = cli.run("run", "redis-oom", "--yes", "--step", "flushdb", "--redis", redis.url(), "-o", "json");
            assertEquals(4, refused.code(), refused.toString());
            JsonNode flush = find(refused.json().path("mitigations"), "flushdb");
            assertEquals("REFUSED", flush.path("decision").asText(), refused.out());
            String word = "127.0.0.1:" + redis.port() + "/0";
            assertTrue(flush.path("message").asText().contains("--confirm " + word), flush.toString());
            assertEquals(keys, jedis.dbSize());

            IrmCli.Result confirmed = cli.run("run", "redis-oom", "--yes", "--step", "flushdb", "--confirm", word,
                    "--redis", redis.url(), "-o", "json");
            assertEquals("EXECUTED", find(confirmed.json().path("mitigations"), "flushdb").path("decision").asText(), confirmed.out());
            assertEquals(0, jedis.dbSize());
        }
    }

    @Test
    void aSetValueOutsideTheVariablePatternIsRefusedBeforeAnythingRuns() throws Exception {
        try (RedisServer redis = RedisServer.start("--maxmemory", "4mb", "--maxmemory-policy", "noeviction");
             Jedis jedis = redis.client()) {
            fillWithCache(jedis);
            String before = RedisDiagnoseTest.digest(jedis);
            IrmCli cli = new IrmCli();
            IrmCli.Result r = cli.run("run", "redis-oom", "--yes", "--set", "cache_pattern=* FLUSHALL", "--redis", redis.url());
            assertEquals(64, r.code(), r.toString());
            assertTrue(r.err().matches("(?s)runbooks/redis-oom\\.yaml:\\d+:\\d+: --set cache_pattern: .*"), r.err());
            IrmCli.Result unknown = cli.run("run", "redis-oom", "--set", "nope=1", "--redis", redis.url());
            assertEquals(64, unknown.code(), unknown.toString());
            assertEquals(before, RedisDiagnoseTest.digest(jedis));
            assertTrue(cli.records().isEmpty(), "nothing ran, so nothing was recorded");
        }
    }

    private static JsonNode find(JsonNode mitigations, String step) {
        for (JsonNode m : mitigations) {
            if (step.equals(m.path("step").asText())) {
                return m;
            }
        }
        throw new AssertionError("no mitigation " + step + " in " + mitigations);
    }

    private static void assertConsentRecorded(Path record) throws Exception {
        List<String> events = new ArrayList<>();
        for (String line : Files.readAllLines(record)) {
            JsonNode e = Json.MAPPER.readTree(line);
            events.add(e.path("event").asText());
            if (e.path("event").asText().equals("consent.answered")) {
                assertTrue(e.path("data").path("by").asText().contains("tester@testhost"), line);
            }
        }
        assertEquals("run.started", events.get(0));
        assertEquals("run.finished", events.get(events.size() - 1));
        assertTrue(events.containsAll(Set.of("step.finished", "mitigation.previewed", "consent.answered", "mitigation.executed")), events.toString());
    }
}
