package dev.irm.engine;

import java.util.List;

/** All checks of one target in a diagnose run; its status is its worst check's. */
public record TargetResult(String target, String endpoint, Status status, long durationMs, List<CheckResult> checks) {
}
