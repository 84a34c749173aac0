package dev.irm.engine;

import dev.irm.connector.Observation;
import dev.irm.runbook.Check;
import dev.irm.runbook.Expressions;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns a check's expressions and one observation into a status and a summary. */
final class CheckJudge {
    private CheckJudge() {
    }

    static CheckResult judge(Check check, String target, String owningRunbook, Observation observation, Scope scope, long durationMs) {
        Map<String, Object> context = scope.forCheck(observation);
        Status status;
        String summary;
        try {
            if (check.skip() != null && Expressions.test(check.skip(), context)) {
                status = Status.SKIPPED;
            } else if (check.critical() != null && Expressions.test(check.critical(), context)) {
                status = Status.CRITICAL;
            } else if (check.warning() != null && Expressions.test(check.warning(), context)) {
                status = Status.WARNING;
            } else {
                status = Status.OK;
            }
            summary = check.summary() == null ? check.title() : Expressions.render(check.summary(), context);
        } catch (IllegalStateException e) {
            status = Status.UNKNOWN;
            summary = "cannot evaluate: " + e.getMessage();
        }
        String runbook = check.runbook() != null ? check.runbook() : owningRunbook;
        return new CheckResult(target, check.id(), check.title(), status, summary, metricsOf(check, observation), runbook, durationMs);
    }

    static CheckResult unknown(Check check, String target, String owningRunbook, String why, long durationMs) {
        String runbook = check.runbook() != null ? check.runbook() : owningRunbook;
        return new CheckResult(target, check.id(), check.title(), Status.UNKNOWN, why, Map.of(), runbook, durationMs);
    }

    private static Map<String, Object> metricsOf(Check check, Observation observation) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (observation == null) {
            return out;
        }
        if (check.metrics().isEmpty()) {
            observation.metrics().forEach((k, v) -> {
                if (v instanceof Number || v instanceof String || v instanceof Boolean) {
                    out.put(k, v);
                }
            });
        } else {
            for (String name : check.metrics()) {
                if (observation.metrics().containsKey(name)) {
                    out.put(name, observation.metrics().get(name));
                }
            }
        }
        return out;
    }
}
