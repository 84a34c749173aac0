package dev.irm.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * One judged check. {@code runbook} is the runbook that handles it when it is a finding.
 * {@code subjects} are the rows of a per-row check ({@code each:}) that are findings, worst first.
 */
public record CheckResult(String target, String id, String title, Status status, String summary,
                          Map<String, Object> metrics, String runbook, long durationMs,
                          @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Subject> subjects) {

    public CheckResult {
        subjects = subjects == null ? List.of() : List.copyOf(subjects);
    }

    public CheckResult(String target, String id, String title, Status status, String summary,
                       Map<String, Object> metrics, String runbook, long durationMs) {
        this(target, id, title, status, summary, metrics, runbook, durationMs, List.of());
    }

    /** One row of a per-row check at WARNING or above, e.g. one consumer group. */
    public record Subject(String name, Status status, String summary) {
    }
}
