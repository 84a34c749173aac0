package dev.irm.engine;

import java.util.Map;

/** One judged check. {@code runbook} is the runbook that handles it when it is a finding. */
public record CheckResult(String target, String id, String title, Status status, String summary,
                          Map<String, Object> metrics, String runbook, long durationMs) {
}
