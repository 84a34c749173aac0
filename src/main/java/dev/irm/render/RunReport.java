package dev.irm.render;

import dev.irm.engine.CheckResult;
import dev.irm.engine.DiagnoseResult;
import dev.irm.engine.MitigationOutcome;
import dev.irm.engine.RunResult;
import dev.irm.engine.Status;
import dev.irm.engine.StepResult;
import dev.irm.engine.TargetResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON of {@code irm run -o json}: the run, its steps, its findings and what became of each mitigation. */
public record RunReport(String irm, String command, String context, String runbook, Instant startedAt, long durationMs,
                        String status, int exitCode, List<StepJson> steps, List<DiagnoseReport.FindingJson> findings,
                        List<MitigationJson> mitigations, String record, DiagnoseReport diagnostics) {

    public static RunReport of(String context, RunResult r) {
        return new RunReport(DiagnoseReport.SCHEMA_VERSION, "run", context, r.runbook(), r.startedAt(), r.durationMs(),
                r.status().name(), r.exitCode(), r.steps().stream().map(StepJson::of).toList(),
                r.findings().stream().map(DiagnoseReport.FindingJson::of).toList(),
                r.mitigations().stream().map(MitigationJson::of).toList(),
                r.record() == null ? null : r.record().toString(), diagnostics(context, r));
    }

    /** The run's checks in the shape of {@code irm diagnose -o json} (CONTRACT.md), by target. */
    static DiagnoseReport diagnostics(String context, RunResult r) {
        Map<String, List<CheckResult>> byTarget = new LinkedHashMap<>();
        Map<String, Long> millis = new LinkedHashMap<>();
        for (StepResult step : r.steps()) {
            if (step.target() == null || step.checks().isEmpty()) {
                continue;
            }
            byTarget.computeIfAbsent(step.target(), t -> new ArrayList<>()).addAll(step.checks());
            millis.merge(step.target(), step.durationMs(), Long::sum);
        }
        List<TargetResult> targets = new ArrayList<>();
        byTarget.forEach((target, checks) -> {
            List<CheckResult> distinct = new ArrayList<>(checks.stream()
                    .collect(java.util.stream.Collectors.toMap(CheckResult::id, c -> c, (a, b) -> b, LinkedHashMap::new)).values());
            targets.add(new TargetResult(target, null, Status.worst(distinct.stream().map(CheckResult::status).toList()),
                    millis.get(target), distinct));
        });
        return DiagnoseReport.of("run", context, new DiagnoseResult(r.startedAt(), r.durationMs(), targets));
    }

    /** One step. */
    public record StepJson(String id, String kind, String title, String target, String status, String message,
                           Map<String, Object> metrics, List<DiagnoseReport.CheckJson> checks, long durationMs) {
        static StepJson of(StepResult s) {
            return new StepJson(s.step().id(), s.step().kind().yamlName(), s.step().title(), s.target(), s.status().name(),
                    s.message(), s.observation() == null ? null : s.observation().metrics(),
                    s.checks().stream().map(DiagnoseReport.CheckJson::of).toList(), s.durationMs());
        }
    }

    /** One mitigation. */
    public record MitigationJson(String step, String title, String decision, String command, String blastRadius,
                                 Long affected, String message, Map<String, Object> result) {
        static MitigationJson of(MitigationOutcome m) {
            return new MitigationJson(m.step(), m.title(), m.decision().name(),
                    m.preview() == null ? null : m.preview().command(), m.preview() == null ? null : m.preview().blastRadius(),
                    m.preview() == null ? null : m.preview().affected(), m.message(), m.result());
        }
    }
}
