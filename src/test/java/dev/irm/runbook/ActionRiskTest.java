package dev.irm.runbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.connector.ActionSpec;
import dev.irm.connector.ConnectorRegistry;
import dev.irm.connector.Effect;
import dev.irm.connector.Risk;
import dev.irm.testing.IrmCli;
import dev.irm.testing.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * Issue 11 item 2: an action's risk is fixed in code. A runbook may raise it; stating a lower one
 * is a load error (file:line:col, exit 65); leaving it out means the action's own. A
 * {@code --runbooks} file never replaces a built-in runbook.
 */
class ActionRiskTest {
    private static RedisServer redis;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stop() {
        redis.close();
    }

    private Path runbook(String id, String action, String riskLine) throws Exception {
        Path file = dir.resolve(id + ".yaml");
        Files.writeString(file, """
                id: %s
                title: Wipe the cache
                severity: P2
                targets: [redis]
                steps:
                  - id: wipe
                    kind: mitigation
                    title: Wipe it
                    action: %s
                %s""".formatted(id, action, riskLine));
        return file;
    }

    private static String digest() {
        return redis.digest();
    }

    @Test
    void everyWriteActionDeclaresItsRiskAndTheDangerousOnesAreHigh() {
        ConnectorRegistry registry = ConnectorRegistry.discover();
        for (ActionSpec a : registry.actions()) {
            if (a.effect() == Effect.WRITE) {
                assertNotNull(a.risk(), a.qualifiedName());
            }
        }
        for (String high : new String[] {"redis.flushdb", "mysql.set-read-only", "kafka.reset-offsets", "k8s.rollout-undo"}) {
            assertEquals(Risk.HIGH, registry.action(high).orElseThrow().risk(), high);
        }
    }

    @Test
    void aLowerRiskThanTheActionsIsALocatedLoadError() throws Exception {
        Path file = runbook("wipe-low", "redis.flushdb", "    risk: low\n");
        IrmCli.Result r = new IrmCli().run("validate", file.toString());
        assertEquals(65, r.code(), r.toString());
        assertTrue(r.err().strip().matches(".*wipe-low\\.yaml:6:\\d+: step wipe: risk low is below the risk of redis\\.flushdb \\(high\\): "
                + "a runbook may raise an action's risk, never lower it"), r.err());

        IrmCli.Result run = new IrmCli().run("--runbooks", dir.toString(), "run", "wipe-low", "--yes", "--redis", redis.url());
        assertEquals(65, run.code(), run.toString());
    }

    @Test
    void anOmittedRiskIsTheActionsOwnSoFlushdbStillNeedsTheTypedWord() throws Exception {
        try (Jedis jedis = redis.client()) {
            jedis.flushAll();
            jedis.set("order:77", "kept");
        }
        runbook("wipe-quiet", "redis.flushdb", "");
        String before = digest();
        IrmCli.Result r = new IrmCli().run("--runbooks", dir.toString(), "run", "wipe-quiet", "--yes", "--redis", redis.url(), "-o", "json");
        assertEquals(4, r.code(), r.toString());
        JsonNode m = r.json().path("mitigations").get(0);
        assertEquals("REFUSED", m.path("decision").asText(), r.out());
        assertTrue(m.path("message").asText().startsWith("high risk: --yes needs --confirm "), m.toString());
        assertEquals(before, digest(), "nothing flushed");

        IrmCli.Result shown = new IrmCli().run("--runbooks", dir.toString(), "show", "wipe-quiet", "-o", "json");
        assertEquals("high", shown.json().path("steps").get(0).path("risk").asText(), shown.out());
    }

    @Test
    void aRunbookMayRaiseTheRisk() throws Exception {
        try (Jedis jedis = redis.client()) {
            jedis.flushAll();
            jedis.set("session:9", "x");
        }
        Path file = dir.resolve("drop-session.yaml");
        Files.writeString(file, """
                id: drop-session
                title: Drop one session
                severity: P3
                targets: [redis]
                steps:
                  - id: drop
                    kind: mitigation
                    title: Drop it
                    action: redis.delete-keys
                    with: {keys: ["session:9"]}
                    risk: high
                """);
        String before = digest();
        IrmCli.Result r = new IrmCli().run("--runbooks", dir.toString(), "run", "drop-session", "--yes", "--redis", redis.url(), "-o", "json");
        assertEquals(4, r.code(), r.toString());
        assertTrue(r.json().path("mitigations").get(0).path("message").asText().contains("--confirm"), r.out());
        assertEquals(before, digest());
    }

    @Test
    void aRunbookFileWithABuiltInsIdIsAnErrorNamingBoth() throws Exception {
        Path file = runbook("redis-oom", "redis.flushdb", "");
        IrmCli.Result r = new IrmCli().run("--runbooks", dir.toString(), "run", "redis-oom", "--dry-run", "--redis", redis.url());
        assertEquals(65, r.code(), r.toString());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(file + ":1:1: runbook id 'redis-oom' is also defined in runbooks/redis-oom.yaml"), r.err());
        assertEquals(65, new IrmCli().run("--runbooks", dir.toString(), "list").code());
    }

    @Test
    void builtInMitigationsRunWithAtLeastTheirActionsRisk() {
        ConnectorRegistry registry = ConnectorRegistry.discover();
        Map<String, Risk> byName = new java.util.HashMap<>();
        registry.actions().forEach(a -> byName.put(a.qualifiedName(), a.risk()));
        IrmCli cli = new IrmCli();
        int mitigations = 0;
        for (JsonNode rb : cli.run("list", "-o", "json").json()) {
            JsonNode shown = cli.run("show", rb.path("id").asText(), "-o", "json").json();
            for (JsonNode step : shown.path("steps")) {
                if (step.path("kind").asText().equals("mitigation")) {
                    Risk floor = byName.get(step.path("action").asText());
                    Risk effective = Risk.valueOf(step.path("risk").asText().toUpperCase(java.util.Locale.ROOT));
                    assertTrue(effective.compareTo(floor) >= 0, rb.path("id").asText() + "/" + step.path("id").asText());
                    mitigations++;
                }
            }
        }
        assertTrue(mitigations >= 20, "mitigations seen: " + mitigations);
    }
}
