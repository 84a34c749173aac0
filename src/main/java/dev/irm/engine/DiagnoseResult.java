package dev.irm.engine;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** The outcome of {@code irm diagnose}: per target, and the findings worst first. */
public record DiagnoseResult(Instant startedAt, long durationMs, List<TargetResult> targets) {

    public Status status() {
        return Status.overall(targets.stream().map(TargetResult::status).toList());
    }

    public List<Finding> findings() {
        return findingsOf(targets.stream().flatMap(t -> t.checks().stream()).toList());
    }

    static List<Finding> findingsOf(List<CheckResult> checks) {
        return checks.stream().filter(c -> c.status().isFinding()).flatMap(c -> Finding.allOf(c).stream())
                .sorted(Comparator.comparing(Finding::severity, Status.WORST_FIRST))
                .toList();
    }
}
