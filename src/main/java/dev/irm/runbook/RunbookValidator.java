package dev.irm.runbook;

import dev.irm.connector.ActionSpec;
import dev.irm.connector.ConnectorRegistry;
import dev.irm.connector.Effect;
import dev.irm.connector.Param;
import dev.irm.support.Durations;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Everything a runbook must satisfy before any of its steps runs. Read-only safety is decided
 * here from the action's effect in code, not from anything the YAML claims.
 */
public final class RunbookValidator {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern STEP_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    private static final Pattern CHECK_ID = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,94}");
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    /** Names every expression may read besides variables and captures. */
    static final Set<String> SCOPE_NAMES = Set.of("steps", "answers", "vars", "incident", "fmt");

    private final ConnectorRegistry registry;

    public RunbookValidator(ConnectorRegistry registry) {
        this.registry = registry;
    }

    public List<RunbookProblem> validate(LoadedRunbook loaded) {
        Problems problems = new Problems(loaded);
        Runbook rb = loaded.runbook();
        problems.require(rb, rb.id(), "id");
        if (rb.id() != null && !ID.matcher(rb.id()).matches()) {
            problems.add(rb, "id '" + rb.id() + "' must be lower-case letters, digits and '-'");
        }
        problems.require(rb, rb.title(), "title");
        problems.require(rb, rb.severity(), "severity");
        if (rb.steps().isEmpty()) {
            problems.add(rb, "a runbook needs at least one step");
        }
        for (String target : rb.targets()) {
            if (registry.factory(target).isEmpty()) {
                problems.add(rb, "unknown target '" + target + "' (expected one of: " + String.join(", ", registry.targets()) + ")");
            }
        }
        for (String symptom : rb.symptoms()) {
            if (symptom.length() > 2 && symptom.startsWith("/") && symptom.endsWith("/")) {
                try {
                    Pattern.compile(symptom.substring(1, symptom.length() - 1));
                } catch (PatternSyntaxException e) {
                    problems.add(rb, "symptom " + symptom + " is not a valid regex: " + e.getDescription());
                }
            }
        }
        rb.variables().forEach((name, variable) -> validateVariable(problems, name, variable));

        Set<String> known = new HashSet<>(rb.variables().keySet());
        known.addAll(SCOPE_NAMES);
        Set<String> stepIds = new HashSet<>();
        Set<String> checkIds = new HashSet<>();
        for (Step step : rb.steps()) {
            validateStep(problems, step, known, stepIds, checkIds);
            known.addAll(step.capture().keySet());
        }
        return problems.list;
    }

    private void validateVariable(Problems problems, String name, Variable variable) {
        if (!NAME.matcher(name).matches()) {
            problems.add(variable, "variable name '" + name + "' must be lower_snake_case");
        }
        Pattern pattern = null;
        if (variable.pattern() != null) {
            try {
                pattern = Pattern.compile(variable.pattern());
            } catch (PatternSyntaxException e) {
                problems.add(variable, "variable " + name + ": pattern is not a valid regex: " + e.getDescription());
            }
        }
        boolean bounded = true;
        for (String bound : new String[] {variable.min(), variable.max()}) {
            if (bound == null) {
                continue;
            }
            if (!Variable.ordered(variable.type())) {
                problems.add(variable, "variable " + name + ": min and max belong to integer, number and duration variables");
                bounded = false;
                break;
            }
            if (!variable.type().accepts(bound)) {
                problems.add(variable, "variable " + name + ": bound '" + dev.irm.support.BoundedInput.echo(bound) + "' is not " + variable.type().expected());
                bounded = false;
            }
        }
        String value = variable.defaultValue();
        if (value == null) {
            return;
        }
        if (!variable.type().accepts(value)) {
            problems.add(variable, "variable " + name + ": default '" + dev.irm.support.BoundedInput.echo(value) + "' is not " + variable.type().expected());
        } else if (bounded && variable.outOfBounds(value) != null) {
            problems.add(variable, "variable " + name + ": default " + value + " is " + variable.outOfBounds(value));
        } else if (pattern != null && !PatternMatch.matches(pattern, value)) {
            problems.add(variable, "variable " + name + ": default '" + dev.irm.support.BoundedInput.echo(value) + "' does not match " + variable.pattern());
        }
    }

    private void validateStep(Problems problems, Step step, Set<String> known, Set<String> stepIds, Set<String> checkIds) {
        problems.require(step, step.id(), "id");
        problems.require(step, step.kind(), "kind");
        problems.require(step, step.title(), "title");
        if (step.id() == null || step.kind() == null) {
            return;
        }
        String label = "step " + step.id();
        if (!STEP_ID.matcher(step.id()).matches()) {
            problems.add(step, label + ": id must be lower-case letters, digits, '-' or '_'");
        }
        if (!stepIds.add(step.id())) {
            problems.add(step, label + ": duplicate step id");
        }
        expression(problems, step, label + ": when", step.when(), known);
        if (step.timeout() != null) {
            try {
                Durations.parse(step.timeout());
            } catch (IllegalArgumentException e) {
                problems.add(step, label + ": timeout " + e.getMessage());
            }
        }
        if (step.kind() == StepKind.MANUAL) {
            if (step.action() != null) {
                problems.add(step, label + ": a manual step has no action (a person does it)");
            }
            problems.require(step, step.text(), label + ": text");
            template(problems, step, label + ": text", step.text(), known);
            if (step.template() != null && !MessageTemplates.names().contains(step.template())) {
                problems.add(step, label + ": unknown template '" + step.template() + "' (known: "
                        + String.join(", ", new java.util.TreeSet<>(MessageTemplates.names())) + ")");
            }
        } else {
            validateAction(problems, step, label, known);
        }
        if (step.kind() != StepKind.MITIGATION && (step.risk() != null || step.blastRadius() != null || step.confirmText() != null)) {
            problems.add(step, label + ": risk, blastRadius and confirmText belong to mitigation steps");
        }
        if (!step.kind().readOnly() && !step.checks().isEmpty()) {
            problems.add(step, label + ": checks belong to diagnostic and verification steps");
        }
        for (Check check : step.checks()) {
            validateCheck(problems, step, check, checkIds);
        }
        for (Map.Entry<String, String> capture : step.capture().entrySet()) {
            if (!NAME.matcher(capture.getKey()).matches()) {
                problems.add(step, label + ": capture name '" + capture.getKey() + "' must be lower_snake_case");
            }
            try {
                Expressions.checkExpression(capture.getValue());
            } catch (IllegalArgumentException e) {
                problems.add(step, label + ": capture " + capture.getKey() + ": " + e.getMessage());
            }
        }
    }

    private void validateAction(Problems problems, Step step, String label, Set<String> known) {
        if (step.action() == null) {
            problems.add(step, label + ": a " + step.kind().yamlName() + " step needs an action");
            return;
        }
        Optional<ActionSpec> found = registry.action(step.action());
        if (found.isEmpty()) {
            problems.add(step, label + ": unknown action '" + step.action() + "'" + suggestion(step.target()));
            return;
        }
        ActionSpec spec = found.get();
        if (step.kind().readOnly() && spec.effect() == Effect.WRITE) {
            problems.add(step, label + ": '" + spec.qualifiedName() + "' changes the system and cannot run in a "
                    + step.kind().yamlName() + " step (use a mitigation step)");
        }
        if (step.kind() == StepKind.MITIGATION && spec.effect() == Effect.READ) {
            problems.add(step, label + ": '" + spec.qualifiedName() + "' only reads: make it a diagnostic or verification step");
        }
        if (step.kind() == StepKind.MITIGATION && step.risk() != null && spec.risk() != null && step.risk().compareTo(spec.risk()) < 0) {
            problems.add(step, label + ": risk " + step.risk().yamlName() + " is below the risk of " + spec.qualifiedName() + " ("
                    + spec.risk().yamlName() + "): a runbook may raise an action's risk, never lower it");
        }
        for (String required : spec.requiredParams()) {
            if (!step.with().containsKey(required)) {
                problems.add(step, label + ": " + spec.qualifiedName() + " needs argument '" + required + "'");
            }
        }
        for (Map.Entry<String, Object> arg : step.with().entrySet()) {
            Param param = spec.params().get(arg.getKey());
            if (param == null) {
                problems.add(step, label + ": " + spec.qualifiedName() + " has no argument '" + arg.getKey()
                        + "' (it takes: " + String.join(", ", spec.params().keySet()) + ")");
                continue;
            }
            Object value = arg.getValue();
            if (value instanceof String text && Expressions.isTemplate(text)) {
                if (param.literal()) {
                    problems.add(step, label + ": " + arg.getKey() + " must be literal text, not a ${...} template"
                            + " (pass values as bind parameters)");
                    continue;
                }
                template(problems, step, label + ": " + arg.getKey(), text, known);
                continue;
            }
            try {
                param.rule().accept(value);
            } catch (IllegalArgumentException e) {
                problems.add(step, label + ": " + arg.getKey() + ": " + e.getMessage());
            }
        }
    }

    private String suggestion(String target) {
        List<String> same = registry.actions().stream().filter(a -> a.target().equals(target))
                .map(ActionSpec::qualifiedName).toList();
        return same.isEmpty() ? "" : " (" + target + " has: " + String.join(", ", same) + ")";
    }

    private void validateCheck(Problems problems, Step step, Check check, Set<String> checkIds) {
        problems.require(check, check.id(), "check id");
        if (check.id() == null) {
            return;
        }
        String label = "check " + check.id();
        if (!CHECK_ID.matcher(check.id()).matches()) {
            problems.add(check, label + ": id must be lower-case letters, digits, '.', '-' or '_'");
        }
        if (!checkIds.add(check.id())) {
            problems.add(check, label + ": duplicate check id");
        }
        problems.require(check, check.title(), label + ": title");
        if (check.critical() == null && check.warning() == null && check.skip() == null) {
            problems.add(check, label + ": needs at least one of critical, warning, skip");
        }
        for (String expression : new String[] {check.skip(), check.critical(), check.warning()}) {
            if (expression != null) {
                try {
                    Expressions.checkExpression(expression);
                } catch (IllegalArgumentException e) {
                    problems.add(check, label + ": " + e.getMessage());
                }
            }
        }
        checkSummary(problems, check, label + ": summary", check.summary());
        if (check.each() != null) {
            if (check.each().subject() == null || check.each().subject().isBlank()) {
                problems.add(check, label + ": each: needs subject (the row column that names each finding)");
            }
            checkSummary(problems, check, label + ": each: summary", check.each().summary());
        }
    }

    private static void checkSummary(Problems problems, Check check, String label, String summary) {
        if (summary != null) {
            try {
                Expressions.checkTemplate(summary);
            } catch (IllegalArgumentException e) {
                problems.add(check, label + ": " + e.getMessage());
            }
        }
    }

    private static void expression(Problems problems, Object part, String label, String source, Set<String> known) {
        if (source == null) {
            return;
        }
        try {
            Expressions.checkExpression(source);
            undeclared(problems, part, label, Expressions.rootNames(source), known);
        } catch (IllegalArgumentException e) {
            problems.add(part, label + ": " + e.getMessage());
        }
    }

    private static void template(Problems problems, Object part, String label, String source, Set<String> known) {
        if (source == null || !Expressions.isTemplate(source)) {
            return;
        }
        try {
            Expressions.checkTemplate(source);
            undeclared(problems, part, label, Expressions.templateRootNames(source), known);
        } catch (IllegalArgumentException e) {
            problems.add(part, label + ": " + e.getMessage());
        }
    }

    private static void undeclared(Problems problems, Object part, String label, Set<String> names, Set<String> known) {
        Set<String> missing = new LinkedHashSet<>(names);
        missing.removeAll(known);
        if (!missing.isEmpty()) {
            problems.add(part, label + ": undeclared variable " + String.join(", ", missing));
        }
    }

    private static final class Problems {
        private final LoadedRunbook loaded;
        private final List<RunbookProblem> list = new ArrayList<>();

        Problems(LoadedRunbook loaded) {
            this.loaded = loaded;
        }

        void add(Object part, String message) {
            list.add(new RunbookProblem(loaded.locate(part), message));
        }

        void require(Object part, Object value, String field) {
            if (value == null || value instanceof String s && s.isBlank()) {
                add(part, field + " is required");
            }
        }
    }
}
