package dev.irm.engine;

import dev.irm.connector.ConnectorRegistry;
import dev.irm.connector.TargetUnreachableException;
import java.util.Map;

/**
 * The {@code TARGET.reachable} check: CRITICAL with endpoint and cause when a configured target cannot be
 * reached; and {@code TARGET.configured}, SKIPPED, when nothing configures the target (CONTRACT.md "Connections").
 */
final class Reachability {
    private Reachability() {
    }

    static String checkId(String target) {
        return target + ".reachable";
    }

    static CheckResult unreachable(ConnectorRegistry registry, ConnectorPool pool, String target,
                                   TargetUnreachableException cause, long durationMs) {
        String runbook = registry.factory(target).map(f -> f.unreachableRunbook(cause)).orElse(null);
        String summary = "cannot reach " + target + " at " + pool.describe(target) + ": " + cause.reason();
        return new CheckResult(target, checkId(target), "Target answers", Status.CRITICAL, summary, Map.of(), runbook, durationMs);
    }

    /** The one {@code TARGET.configured} check of a target that nothing names and whose local default does not exist. */
    static CheckResult notConfigured(String target, String missing, long durationMs) {
        return new CheckResult(target, target + ".configured", "Target configured", Status.SKIPPED, target + " " + missing,
                Map.of(), null, durationMs);
    }

    /** The step or target result for a target without a connector: SKIPPED when not configured, else CRITICAL. */
    static CheckResult absent(ConnectorRegistry registry, ConnectorPool pool, ConnectorPool.Opened opened, long durationMs) {
        return opened.configured() ? unreachable(registry, pool, opened.target(), opened.failure(), durationMs)
                : notConfigured(opened.target(), opened.notConfigured(), durationMs);
    }

    static CheckResult reachable(String target, String endpoint, long durationMs) {
        return new CheckResult(target, checkId(target), "Target answers", Status.OK,
                target + " answers at " + endpoint, Map.of("connect_ms", durationMs), null, durationMs);
    }
}
