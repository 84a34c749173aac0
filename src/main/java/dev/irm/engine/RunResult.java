package dev.irm.engine;

import dev.irm.ExitCode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** The outcome of {@code irm run}. */
public record RunResult(String runbook, Instant startedAt, long durationMs, List<StepResult> steps,
                        List<MitigationOutcome> mitigations, boolean aborted, Path record) {

    public List<CheckResult> checks() {
        return steps.stream().flatMap(s -> s.checks().stream()).distinct().toList();
    }

    public List<Finding> findings() {
        java.util.Map<String, CheckResult> byId = new java.util.LinkedHashMap<>();
        for (CheckResult c : checks()) {
            byId.merge(c.id(), c, (a, b) -> b);
        }
        return DiagnoseResult.findingsOf(List.copyOf(byId.values()));
    }

    public Status status() {
        return Status.overall(findings().stream().map(Finding::severity).toList());
    }

    public int exitCode() {
        if (aborted || mitigations.stream().anyMatch(m -> m.decision().blocked())) {
            return ExitCode.REFUSED;
        }
        return status().exitCode();
    }
}
