package dev.irm.engine;

import dev.irm.connector.ActionSpec;
import dev.irm.connector.Args;
import dev.irm.connector.Param;
import dev.irm.runbook.Expressions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Resolves a step's {@code with:} templates against the scope and re-checks each value against its parameter's rule. */
final class ArgumentResolver {
    private ArgumentResolver() {
    }

    static Args resolve(ActionSpec spec, Map<String, Object> with, Map<String, Object> scope) {
        Map<String, Object> resolved = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : with.entrySet()) {
            Object value = resolveValue(e.getValue(), scope);
            Param param = spec.params().get(e.getKey());
            if (param == null) {
                throw new IllegalArgumentException(spec.qualifiedName() + " has no argument '" + e.getKey() + "'");
            }
            try {
                param.rule().accept(value);
            } catch (IllegalArgumentException bad) {
                throw new IllegalArgumentException(e.getKey() + ": " + bad.getMessage());
            }
            resolved.put(e.getKey(), value);
        }
        for (String required : spec.requiredParams()) {
            if (resolved.get(required) == null) {
                throw new IllegalArgumentException(spec.qualifiedName() + " needs argument '" + required + "'");
            }
        }
        return new Args(resolved);
    }

    private static Object resolveValue(Object value, Map<String, Object> scope) {
        if (value instanceof String text) {
            return Expressions.render(text, scope);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(item -> out.add(resolveValue(item, scope)));
            return out;
        }
        return value;
    }
}
