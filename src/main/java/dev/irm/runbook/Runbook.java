package dev.irm.runbook;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A runbook as written in YAML (format v1, see runbooks/README.md). */
public record Runbook(
        String id,
        String title,
        Severity severity,
        String summary,
        List<String> tags,
        List<String> symptoms,
        List<String> targets,
        Map<String, Variable> variables,
        List<Step> steps,
        Map<String, Map<String, String>> i18n) {

    public Runbook {
        tags = tags == null ? List.of() : List.copyOf(tags);
        symptoms = symptoms == null ? List.of() : List.copyOf(symptoms);
        targets = targets == null ? List.of() : List.copyOf(targets);
        variables = variables == null ? Map.of() : new LinkedHashMap<>(variables);
        steps = steps == null ? List.of() : List.copyOf(steps);
        i18n = i18n == null ? Map.of() : i18n;
    }

    public Step step(String stepId) {
        return steps.stream().filter(s -> s.id().equals(stepId)).findFirst().orElse(null);
    }

    /** The targets the steps use, in order of first use: the connections a run needs. */
    public List<String> stepTargets() {
        return steps.stream().map(Step::target).filter(java.util.Objects::nonNull).distinct().toList();
    }
}
