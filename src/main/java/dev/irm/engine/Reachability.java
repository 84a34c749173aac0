package dev.irm.engine;

import dev.irm.connector.ConnectorRegistry;
import dev.irm.connector.TargetUnreachableException;
import java.util.Map;

/** The {@code TARGET.reachable} check: CRITICAL with endpoint and cause when a target cannot be reached. */
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

    static CheckResult reachable(String target, String endpoint, long durationMs) {
        return new CheckResult(target, checkId(target), "Target answers", Status.OK,
                target + " answers at " + endpoint, Map.of("connect_ms", durationMs), null, durationMs);
    }
}
