package dev.irm.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.support.Json;
import dev.irm.testing.GuidedTerminal;
import dev.irm.testing.IrmCli;
import dev.irm.testing.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * The guided mode through a real (piped) terminal with scripted keys, against a real Redis filled
 * to maxmemory: the home screen, branches on real results, a declined and a confirmed
 * mitigation, quitting half-way, notes, and the report afterwards.
 */
class GuidedRunTest {
    private static final int CACHE_KEYS = 40;
    private static RedisServer redis;

    @BeforeAll
    static void fullRedis() throws Exception {
        redis = RedisServer.start("--maxmemory", "2mb", "--maxmemory-policy", "noeviction");
    }

    @AfterAll
    static void stop() throws Exception {
        redis.close();
    }

    private static void refill() {
        try (Jedis jedis = redis.client()) {
            jedis.flushAll();
            jedis.zadd("queue:waiting", System.currentTimeMillis(), "user-1");
            for (int i = 0; i < CACHE_KEYS; i++) {
                jedis.set("cache:concert:" + i, "c".repeat(1024));
            }
        }
        redis.fillToMaxmemory();
    }

    static List<JsonNode> events(Path record) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(record)) {
            events.add(Json.MAPPER.readTree(line));
        }
        return events;
    }

    static List<String> names(List<JsonNode> events) {
        return events.stream().map(e -> e.path("event").asText() + (e.has("step") ? ":" + e.path("step").asText() : "")).toList();
    }

    private static String digest() {
        try (Jedis jedis = redis.client()) {
            return new String((byte[]) jedis.sendCommand(() -> "DEBUG".getBytes(java.nio.charset.StandardCharsets.UTF_8), "DIGEST"), java.nio.charset.StandardCharsets.UTF_8)
                    + jedis.configGet("maxmemory-policy");
        }
    }

    private static long cacheKeys() {
        try (Jedis jedis = redis.client()) {
            return jedis.keys("cache:*").size();
        }
    }

    /** The "done when": irm → pick "Redis memory full" → walk it → decline FLUSHDB, confirm the delete → report. */
    @Test
    void homeScreenPickWalkDeclineFlushConfirmDeleteThenReport() throws Exception {
        refill();
        assertEquals(CACHE_KEYS, cacheKeys());
        try (GuidedTerminal t = new GuidedTerminal().env("IRM_REDIS_URL", redis.url())) {
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                t.start("--no-color");
                t.expect("what is happening?").expect("redis-oom").expect("describe the symptom");
                t.type("Redis memory full\r").expect("1. Redis memory full").expect("Start which?").type("\r");
                t.expect("1/12  Memory, eviction and hit ratio").expect("Enter run").type("\r");
                t.expect("CRITICAL redis.memory");
                t.expect("2/12").type("\r").expect("3/12").type("\r").expect("4/12");
                t.type("n").expect("note ›").type("support tickets rising\r").expect("noted in the timeline");
                t.type("b").expect("previous step, as it was shown").expect("Keys that are safe to drop");
                t.type("\r").expect("5/12  Declare the incident").type("\r");
                t.expect("[INCIDENT - P0]").expect("Owner: oncall@laptop").expect("Done?").type("\r");
                t.expect("6/12  Delete cache keys by pattern").type("\r");
                t.expect("SCAN MATCH cache:*").expect("Run it?").type("y");
                t.expect("EXECUTED");
                t.expect("7/12  Memory after cleanup").type("\r").expect("CRITICAL redis.memory-after-cleanup");
                assertEquals(0, cacheKeys(), "the confirmed pattern delete ran");
                String afterDelete = digest();
                t.expect("8/12  Let Redis evict").type("\r").expect("Run it?").type("n").expect("DECLINED");
                t.expect("9/12  Flush the whole database").type("\r");
                t.expect("HIGH RISK").expect("confirm ›").type("no-thanks\r").expect("DECLINED");
                assertEquals(afterDelete, digest(), "declined mitigations change nothing");
                t.expect("10/12  Restart the Redis container").type("\r").expect("cannot preview: docker ");
                t.expect("11/12  Restart Redis on Kubernetes").type("\r").expect("Done?").type("o").expect("left open");
                t.expect("12/12").type("\r");
                t.expect("Report: irm report");
                assertEquals(4, t.exitCode(), t.screen());
            });
            assertEquals(2, afterDeleteOnly(t), "STARTED then EXECUTED of the one mitigation that ran");
            List<JsonNode> events = events(t.records().get(0));
            List<String> names = names(events);
            assertTrue(names.containsAll(List.of("run.started", "step.finished:memory", "note:slowlog", "manual.shown:declare",
                    "consent.asked:delete_cache", "consent.answered:delete_cache", "mitigation.executed:delete_cache",
                    "consent.answered:eviction_policy", "mitigation.declined:flushdb", "manual.acknowledged:restart", "run.finished")), names.toString());
            JsonNode answered = events.stream().filter(e -> e.path("event").asText().equals("consent.answered")
                    && e.path("step").asText().equals("flushdb")).findFirst().orElseThrow();
            assertEquals("oncall@laptop", answered.path("data").path("by").asText());

            IrmCli.Result report = t.plain("report");
            assertEquals(0, report.code(), report.toString());
            String md = report.out();
            for (String expected : List.of("# Incident report: Redis memory full", "| Severity | P0", "## 4. Timeline",
                    "Delete cache keys by pattern", "EXECUTED", "FLUSHDB", "DECLINED", "support tickets rising",
                    "Manual step left open: Restart Redis on Kubernetes", "**redis**: CRITICAL")) {
                assertTrue(md.contains(expected), "report lacks '" + expected + "':\n" + md);
            }
            JsonNode json = t.plain("report", "-o", "json").json();
            assertEquals("P0", json.path("summary").path("severity").asText());
            assertEquals(4, json.path("summary").path("exitCode").asInt());
            assertTrue(json.path("timeline").size() > 20);
        }
    }

    private static int afterDeleteOnly(GuidedTerminal t) throws Exception {
        List<String> audit = Files.readAllLines(t.auditLog());
        assertTrue(audit.get(0).contains("\"step\":\"delete_cache\""), audit.toString());
        assertTrue(audit.get(0).contains("oncall@laptop"), audit.toString());
        assertTrue(audit.get(0).contains("\"outcome\":\"STARTED\""), audit.toString());
        assertTrue(audit.get(1).contains("\"step\":\"delete_cache\"") && audit.get(1).contains("\"outcome\":\"EXECUTED\""), audit.toString());
        return audit.size();
    }

    @Test
    void quittingHalfWayKeepsTheRecordAndExits4WithMitigationsLeft() throws Exception {
        refill();
        String before = digest();
        try (GuidedTerminal t = new GuidedTerminal()) {
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                t.start("--no-color", "run", "redis-oom", "--redis", redis.url());
                t.expect("1/12").type("\r").expect("CRITICAL redis.memory");
                t.expect("2/12").type("s").expect("skipped by oncall@laptop");
                t.expect("3/12").type("q");
                assertEquals(4, t.exitCode(), t.screen());
            });
            assertEquals(before, digest());
            List<String> names = names(events(t.records().get(0)));
            assertEquals(List.of("run.started", "step.started:memory", "step.finished:memory", "step.skipped:biggest", "run.quit:cache_keys",
                    "run.finished"), names);
            assertFalse(Files.exists(t.auditLog()));
        }
    }

    @Test
    void aBranchIsNotTakenWhenTheResultSaysSo() throws Exception {
        try (Jedis jedis = redis.client()) {
            jedis.flushAll();
            jedis.set("cache:one", "1");
        }
        try (GuidedTerminal t = new GuidedTerminal()) {
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                t.start("--no-color", "run", "redis-oom", "--redis", redis.url());
                t.expect("1/12").type("\r").expect("OK redis.memory");
                t.expect("2/12").type("\r").expect("3/12").type("\r").expect("4/12").type("\r");
                t.expect("5/12").type("\r").expect("Done?").type("\r");
                t.expect("Delete cache keys by pattern  (condition not met");
                t.expect("12/12").type("\r");
                assertEquals(0, t.exitCode(), t.screen());
            });
            assertTrue(t.screen().contains("SKIPPED  Flush the whole database"), t.screen());
        }
    }

    @Test
    void aQuestionAnsweredOnTheKeyboardChoosesTheBranch() throws Exception {
        Path dir = Files.createTempDirectory("irm-ask");
        Files.writeString(dir.resolve("deploy.yaml"), """
                id: deploy-check
                title: "Recent deploy?"
                severity: P1
                steps:
                  - {id: deployed, kind: manual, title: Deploy in the last hour, text: check the deploy log, ask: "Was there a deploy in the last hour?"}
                  - {id: rollback, kind: manual, title: Roll back first, text: kubectl rollout undo, when: answers.deployed}
                  - {id: dig, kind: manual, title: Look elsewhere, text: traffic and externals, when: "!answers.deployed"}
                """);
        try (GuidedTerminal t = new GuidedTerminal()) {
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                t.start("--no-color", "--runbooks", dir.toString(), "run", "deploy-check");
                t.expect("1/3").expect("⏱ 00:0").expect("/ P1 15:00").type("\r");
                t.expect("Was there a deploy in the last hour? [y/n]").type("y").expect("Done?").type("\r");
                t.expect("2/3  Roll back first").type("\r").expect("Done?").type("\r");
                t.expect("SKIPPED  Look elsewhere");
                assertEquals(0, t.exitCode(), t.screen());
            });
            List<JsonNode> events = events(t.records().get(0));
            JsonNode answered = events.stream().filter(e -> e.path("event").asText().equals("manual.answered")).findFirst().orElseThrow();
            assertEquals("yes", answered.path("message").asText());
            assertEquals("oncall@laptop", answered.path("data").path("by").asText());
        }
    }
}
