package dev.irm.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.irm.connector.ConnectorRegistry;
import dev.irm.runbook.RunbookCatalog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How an alert finds its runbook, on the built-in catalog (no servers needed). */
class RunbookRouterTest {
    private static final RunbookCatalog CATALOG = RunbookCatalog.load(List.of(), ConnectorRegistry.discover());
    private final RunbookRouter router = new RunbookRouter(CATALOG, Map.of("DatabaseSaturated", "db-pool-exhaustion"));

    private static Alert alert(Map<String, String> labels, Map<String, String> annotations) {
        return new Alert("firing", labels, annotations, null, null, null);
    }

    private void routes(String runbook, String by, Alert alert) {
        RunbookRouter.Route route = router.route(alert);
        assertEquals(runbook, route.runbook() == null ? null : route.runbook().id(), route.toString());
        assertEquals(by, route.matchedBy(), route.toString());
    }

    @Test
    void eachWayToNameARunbookInOrder() {
        routes("redis-down", "runbook", alert(Map.of("alertname", "RedisOom", "runbook", "redis-down"), Map.of()));
        routes("redis-down", "runbook_id", alert(Map.of("alertname", "RedisOom"), Map.of("runbook_id", "redis-down")));
        routes("kafka-lag", "runbook_url", alert(Map.of("alertname", "X"), Map.of("runbook_url", "https://wiki.example/runbooks/kafka-lag.md#steps")));
        routes("redis-oom", "alertname", alert(Map.of("alertname", "RedisOOM"), Map.of()));
        routes("redis-oom", "alertname", alert(Map.of("alertname", "redis_oom"), Map.of()));
        routes("db-pool-exhaustion", "alias DatabaseSaturated", alert(Map.of("alertname", "DatabaseSaturated"), Map.of()));
        routes("db-pool-exhaustion", "triage", alert(Map.of("alertname", "Whatever"), Map.of("summary", "Too many connections")));
    }

    @Test
    void namesThatAreNoRunbookAreNotedAndPassedOver() {
        RunbookRouter.Route route = router.route(alert(Map.of("alertname", "RedisOom", "runbook", "$(reboot)"), Map.of()));
        assertEquals("redis-oom", route.runbook().id());
        assertTrue(route.notes().get(0).contains("runbook '$(reboot)' is no runbook"), route.notes().toString());
        RunbookRouter.Route none = router.route(alert(Map.of("alertname", "Qqqzzz"), Map.of()));
        assertNull(none.runbook());
        assertEquals("none", none.matchedBy());
    }

    @Test
    void aFingerprintIsDerivedFromTheLabelsWhenMissing() {
        Alert a = alert(Map.of("alertname", "A", "x", "1"), Map.of());
        Alert b = alert(Map.of("x", "1", "alertname", "A"), Map.of());
        assertEquals(a.fingerprint(), b.fingerprint());
        assertTrue(!a.fingerprint().equals(alert(Map.of("alertname", "A", "x", "2"), Map.of()).fingerprint()));
    }
}
