package dev.irm.serve;

import dev.irm.runbook.Runbook;
import dev.irm.runbook.Variable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An alert's labels as runbook variables, like {@code --set}: only names the runbook declares, each
 * value checked against the variable's type and pattern; a value that fails is left out (the
 * default or context value stays) with the reason, never passed on.
 */
final class AlertVariables {
    private AlertVariables() {
    }

    record Chosen(Map<String, String> sets, List<String> skipped) {
    }

    static Chosen of(Runbook runbook, Map<String, String> labels) {
        Map<String, String> sets = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        for (Map.Entry<String, Variable> e : runbook.variables().entrySet()) {
            String value = labels.get(e.getKey());
            if (value == null) {
                continue;
            }
            Variable v = e.getValue();
            if (!v.type().accepts(value)) {
                skipped.add("label " + e.getKey() + ": not " + v.type().expected());
            } else if (v.pattern() != null && !Pattern.compile(v.pattern()).matcher(value).matches()) {
                skipped.add("label " + e.getKey() + ": does not match " + v.pattern());
            } else {
                sets.put(e.getKey(), value);
            }
        }
        return new Chosen(sets, skipped);
    }
}
