package dev.irm.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.irm.config.ConnectionResolver;
import dev.irm.connector.ConnectorRegistry;
import dev.irm.connector.Preview;
import dev.irm.connector.Risk;
import dev.irm.runbook.LoadedRunbook;
import dev.irm.runbook.RunbookCatalog;
import dev.irm.runbook.Step;
import dev.irm.runbook.StepKind;
import dev.irm.testing.RedisServer;
import dev.irm.testing.ScriptedOperator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.util.SafeEncoder;

/**
 * The engine's diagnostics-only mode (what {@code irm serve} runs): even with {@code yes}, a HIGH
 * risk confirm word and a person who would say yes to anything, no mitigation is previewed or run
 * and the consent gate mints nothing. On a real Redis filled past maxmemory, where redis-oom's
 * mitigations would apply.
 */
class DiagnosticsOnlyModeTest {

    /** Says yes to everything: the mode, not the person, must stop the mitigations. */
    private static final Interaction EAGER = ScriptedOperator.yesToEverything("eager@test");

    private static RunOptions diagnosticsOnlyButEager() {
        return new RunOptions(Map.of(), false, true, Set.of("flushdb"), Set.of(), java.time.Duration.ofSeconds(5), "test", "en", true);
    }

    @Test
    void theConsentGateMintsNothingInDiagnosticsOnlyMode() {
        for (Risk risk : Risk.values()) {
            Step step = new Step("fix", StepKind.MITIGATION, "Fix", null, "redis.config-set", Map.of(), null, null, null, null, null,
                    risk, null, null, null, null, null, null);
            ConsentGate.Verdict verdict = ConsentGate.decide(step, risk, Preview.of("CONFIG SET", "all", 1, "flushdb"), diagnosticsOnlyButEager(), EAGER);
            assertNull(verdict.consent(), risk.name());
            assertEquals(MitigationOutcome.Decision.REFUSED, verdict.decision());
        }
    }

    @Test
    void noMitigationIsReachedOnARealFullRedis() throws Exception {
        try (RedisServer redis = RedisServer.start("--maxmemory", "3mb", "--maxmemory-policy", "noeviction")) {
            redis.fillToMaxmemory();
            String before = digest(redis);
            ConnectorRegistry registry = ConnectorRegistry.discover();
            LoadedRunbook loaded = RunbookCatalog.load(List.of(), registry).require("redis-oom");
            List<TimelineEvent> events = new ArrayList<>();
            Path dir = Files.createTempDirectory("irm-diag-only");
            RunResult result;
            try (ConnectorPool pool = new ConnectorPool(registry, new ConnectionResolver(registry, Map.of("redis.url", redis.url()), Map.of(), null)
                    .resolveAll(List.of("redis", "docker", "k8s")))) {
                result = new RunbookRunner(registry, pool, EAGER, events::add)
                        .run(loaded, new RunOptions(RunVariables.defaults(loaded, Map.of()), false, true, Set.of("flushdb"), Set.of(),
                                java.time.Duration.ofSeconds(5), "test", "en", true), dir.resolve("r.jsonl"));
            }
            assertEquals(Status.CRITICAL, result.status(), "the diagnostics ran and found the fault");
            assertFalse(result.mitigations().isEmpty(), "redis-oom has mitigations");
            result.mitigations().forEach(m -> assertEquals(MitigationOutcome.Decision.NOT_SELECTED, m.decision(), m.step()));
            List<String> names = events.stream().map(TimelineEvent::name).toList();
            assertTrue(names.contains("mitigation.not-selected"), names.toString());
            assertFalse(names.contains("mitigation.previewed") || names.contains("consent.asked") || names.contains("mitigation.executed"), names.toString());
            assertEquals(before, digest(redis), "DEBUG DIGEST unchanged");
        }
    }

    private static String digest(RedisServer redis) {
        try (Jedis jedis = redis.client()) {
            Object reply = jedis.sendCommand(() -> SafeEncoder.encode("DEBUG"), "DIGEST");
            return reply instanceof byte[] bytes ? SafeEncoder.encode(bytes) : String.valueOf(reply);
        }
    }
}
