package dev.irm.engine;

import dev.irm.connector.Observation;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What expressions and templates can read during a run. Names resolve in this order: the current
 * step's metrics (in checks), captures, runbook variables; plus {@code vars.*}, {@code steps.ID.*}
 * (status and metrics of earlier steps), {@code answers.ID} and {@code incident.*}.
 */
public final class Scope {
    private final Map<String, Object> variables;
    private final Map<String, Object> captures = new ConcurrentHashMap<>();
    private final Map<String, Object> steps = new ConcurrentHashMap<>();
    private final Map<String, Object> answers = new ConcurrentHashMap<>();
    private final Map<String, Object> incident = new ConcurrentHashMap<>();

    public Scope(Map<String, Object> variables, Map<String, Object> incident) {
        this.variables = Map.copyOf(variables);
        incident.forEach(this::incident);
    }

    public Map<String, Object> variables() {
        return variables;
    }

    public void capture(String name, Object value) {
        captures.put(name, value == null ? "" : value);
    }

    public void answer(String stepId, Object value) {
        answers.put(stepId, value == null ? false : value);
    }

    /** Updates what the incident's message templates read ({@code incident.symptom}, {@code incident.action}, ...). */
    public void incident(String key, Object value) {
        incident.put(key, value == null ? "" : value);
    }

    public void recordStep(StepResult result) {
        Map<String, Object> view = new LinkedHashMap<>();
        if (result.observation() != null) {
            view.putAll(result.observation().metrics());
        }
        view.put("status", result.status().name());
        view.put("rows", result.observation() == null ? java.util.List.of() : result.observation().rows());
        for (CheckResult check : result.checks()) {
            view.put("check_" + check.id().replace('.', '_').replace('-', '_'), check.status().name());
        }
        steps.put(result.step().id(), Collections.unmodifiableMap(view));
    }

    /**
     * For step arguments, conditions and manual texts. Read-only views: an expression cannot
     * change what a later step branches on (the sandbox refuses mutators too; this holds without it).
     */
    public Map<String, Object> forStep() {
        Map<String, Object> scope = new HashMap<>(variables);
        scope.putAll(captures);
        scope.put("vars", variables);
        scope.put("steps", Collections.unmodifiableMap(steps));
        scope.put("answers", Collections.unmodifiableMap(answers));
        scope.put("incident", Collections.unmodifiableMap(incident));
        return scope;
    }

    /** For a check: the step's metrics on top. */
    public Map<String, Object> forCheck(Observation observation) {
        Map<String, Object> scope = forStep();
        if (observation != null) {
            scope.putAll(observation.metrics());
            scope.put("rows", observation.rows());
        }
        return scope;
    }
}
