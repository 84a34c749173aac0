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
                         Set<String> onlySteps, Duration stepTimeout, String context, String lang) {

    public RunOptions(Map<String, Object> variables, boolean dryRun, boolean yes, Set<String> confirmWords,
                      Set<String> onlySteps, Duration stepTimeout, String context) {
        this(variables, dryRun, yes, confirmWords, onlySteps, stepTimeout, context, "en");
    }

    public RunOptions {
        confirmWords = confirmWords == null ? Set.of() : Set.copyOf(confirmWords);
        onlySteps = onlySteps == null ? Set.of() : Set.copyOf(onlySteps);
        lang = lang == null ? "en" : lang;
    }
}
