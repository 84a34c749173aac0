package dev.irm.runbook;

import dev.irm.connector.ActionSpec;
import dev.irm.connector.Risk;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One step of a runbook. Which fields apply depends on {@link #kind()}; the validator enforces it. */
public record Step(
        String id,
        StepKind kind,
        String title,
        String description,
        String action,
        Map<String, Object> with,
        String when,
        List<Check> checks,
        Map<String, String> capture,
        String timeout,
        Boolean diagnose,
        Risk risk,
        String confirmText,
        String blastRadius,
        String text,
        String ask,
        String template,
        Map<String, Map<String, String>> i18n) {

    public Step {
        with = with == null ? Map.of() : new LinkedHashMap<>(with);
        checks = checks == null ? List.of() : List.copyOf(checks);
        capture = capture == null ? Map.of() : new LinkedHashMap<>(capture);
        i18n = i18n == null ? Map.of() : i18n;
    }

    public String target() {
        if (action == null) {
            return null;
        }
        int dot = action.indexOf('.');
        return dot < 0 ? action : action.substring(0, dot);
    }

    public String actionName() {
        int dot = action == null ? -1 : action.indexOf('.');
        return dot < 0 ? action : action.substring(dot + 1);
    }

    /** Whether {@code irm diagnose} runs this step: read-only, unconditional, and not opted out. */
    public boolean partOfDiagnose() {
        return kind == StepKind.DIAGNOSTIC && when == null && !Boolean.FALSE.equals(diagnose);
    }

    /** The declared risk; after loading, a mitigation's is never below its action's (see {@link ActionSpec#riskFor}). */
    public Risk riskOrDefault() {
        return risk == null ? Risk.MEDIUM : risk;
    }

    Step withRisk(Risk r) {
        return new Step(id, kind, title, description, action, with, when, checks, capture, timeout, diagnose, r, confirmText, blastRadius,
                text, ask, template, i18n);
    }
}
