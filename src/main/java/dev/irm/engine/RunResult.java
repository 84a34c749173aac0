package dev.irm.engine;

import dev.irm.support.ExitCode;
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

    /**
     * The worst finding; a read step without checks that failed (an evidence bundle that could not
     * be written) counts as UNKNOWN: the run did not get what it was asked to collect.
     */
    public Status status() {
        List<Status> states = new java.util.ArrayList<>(findings().stream().map(Finding::severity).toList());
        steps.stream().filter(s -> s.checks().isEmpty() && s.step().kind().readOnly() && s.status() == Status.UNKNOWN)
                .forEach(s -> states.add(Status.UNKNOWN));
        return Status.overall(states);
    }

    public int exitCode() {
        if (aborted || mitigations.stream().anyMatch(m -> m.decision().blocked())) {
            return ExitCode.REFUSED;
        }
        return status().exitCode();
    }
}
