package dev.irm.engine;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * How to run a runbook. {@code yes} approves LOW and MEDIUM risk mitigations without asking;
 * HIGH risk ones also need {@code confirmWords} to hold their typed word. {@code onlySteps},
 * when not empty, limits which mitigations may run at all. {@code diagnosticsOnly} (irm serve) never
 * reaches a mitigation: no preview, no consent, no write.
 */
public record RunOptions(Map<String, Object> variables, boolean dryRun, boolean yes, Set<String> confirmWords,
                         Set<String> onlySteps, Duration stepTimeout, String context, String lang, boolean diagnosticsOnly) {

    public RunOptions(Map<String, Object> variables, boolean dryRun, boolean yes, Set<String> confirmWords,
                      Set<String> onlySteps, Duration stepTimeout, String context, String lang) {
        this(variables, dryRun, yes, confirmWords, onlySteps, stepTimeout, context, lang, false);
    }

    /** Diagnostics only, nobody to ask: what {@code irm serve} runs for an alert. */
    public static RunOptions diagnosticsOnly(Map<String, Object> variables, Duration stepTimeout, String context) {
        return new RunOptions(variables, false, false, Set.of(), Set.of(), stepTimeout, context, "en", true);
    }

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
