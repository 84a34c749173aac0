package dev.irm.engine;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * How to run a runbook. {@code yes} approves LOW and MEDIUM risk mitigations without asking;
 * HIGH risk ones also need {@code confirmWords} to hold their typed word. {@code onlySteps},
 * when not empty, limits which mitigations may run at all.
 */
public record RunOptions(Map<String, Object> variables, boolean dryRun, boolean yes, Set<String> confirmWords,
                         Set<String> onlySteps, Duration stepTimeout, String context) {

    public RunOptions {
        confirmWords = confirmWords == null ? Set.of() : Set.copyOf(confirmWords);
        onlySteps = onlySteps == null ? Set.of() : Set.copyOf(onlySteps);
    }
}
