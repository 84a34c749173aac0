package dev.irm.engine;

import dev.irm.connector.Observation;
import dev.irm.runbook.Check;
import dev.irm.runbook.Expressions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a check's expressions and one observation into a status and a summary. */
final class CheckJudge {
    private CheckJudge() {
    }

    static CheckResult judge(Check check, String target, String owningRunbook, Observation observation, Scope scope, long durationMs) {
        Map<String, Object> context = scope.forCheck(observation);
        String runbook = check.runbook() != null ? check.runbook() : owningRunbook;
        if (check.each() != null) {
            return judgeEach(check, target, runbook, observation, context, durationMs);
        }
        Status status;
        String summary;
        try {
            status = statusOf(check, context);
            summary = check.summary() == null ? check.title() : Expressions.render(check.summary(), context);
        } catch (IllegalStateException e) {
            status = Status.UNKNOWN;
            summary = "cannot evaluate: " + e.getMessage();
        }
        return new CheckResult(target, check.id(), check.title(), status, summary, metricsOf(check, observation), runbook, durationMs);
    }

    /**
     * Every row judged on its own; the rows at WARNING or above become the check's subjects, worst
     * first (rows of equal status keep the observation's order). The check's summary also reads
     * {@code critical_rows} and {@code warning_rows}.
     */
    private static CheckResult judgeEach(Check check, String target, String runbook, Observation observation,
                                         Map<String, Object> context, long durationMs) {
        List<CheckResult.Subject> subjects = new ArrayList<>();
        for (Map<String, Object> row : observation == null ? List.<Map<String, Object>>of() : observation.rows()) {
            Map<String, Object> rowContext = new HashMap<>(context);
            rowContext.putAll(row);
            String name = String.valueOf(row.get(check.each().subject()));
            try {
                Status status = statusOf(check, rowContext);
                if (status.isFinding()) {
                    String summary = check.each().summary() == null ? check.each().subject() + " " + name
                            : Expressions.render(check.each().summary(), rowContext);
                    subjects.add(new CheckResult.Subject(name, status, summary));
                }
            } catch (IllegalStateException e) {
                subjects.add(new CheckResult.Subject(name, Status.UNKNOWN, check.each().subject() + " " + name + ": cannot evaluate: " + e.getMessage()));
            }
        }
        subjects.sort(Comparator.comparing(CheckResult.Subject::status, Status.WORST_FIRST));
        Status status = subjects.isEmpty() ? Status.OK : Status.worst(subjects.stream().map(CheckResult.Subject::status).toList());
        Map<String, Object> summaryContext = new HashMap<>(context);
        summaryContext.put("critical_rows", subjects.stream().filter(s -> s.status() == Status.CRITICAL).count());
        summaryContext.put("warning_rows", subjects.stream().filter(s -> s.status() == Status.WARNING).count());
        String summary;
        try {
            summary = check.summary() == null ? check.title() : Expressions.render(check.summary(), summaryContext);
        } catch (IllegalStateException e) {
            status = Status.UNKNOWN;
            summary = "cannot evaluate: " + e.getMessage();
        }
        return new CheckResult(target, check.id(), check.title(), status, summary, metricsOf(check, observation), runbook, durationMs, subjects);
    }

    private static Status statusOf(Check check, Map<String, Object> context) {
        if (check.skip() != null && Expressions.test(check.skip(), context)) {
            return Status.SKIPPED;
        } else if (check.critical() != null && Expressions.test(check.critical(), context)) {
            return Status.CRITICAL;
        } else if (check.warning() != null && Expressions.test(check.warning(), context)) {
            return Status.WARNING;
        }
        return Status.OK;
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
