package dev.irm.engine;

import dev.irm.connector.Observation;
import dev.irm.runbook.Step;
import java.util.List;

/** What happened to one step: its status, what it observed, its judged checks, or why it did not run. */
public record StepResult(Step step, String target, Status status, Observation observation,
                         List<CheckResult> checks, String message, long durationMs) {

    public StepResult {
        checks = checks == null ? List.of() : List.copyOf(checks);
    }

    public static StepResult skipped(Step step, String why) {
        return new StepResult(step, step.target(), Status.SKIPPED, null, List.of(), why, 0);
    }
}
