package dev.irm.engine;

import dev.irm.support.BoundedInput;
import dev.irm.support.IrmException;
import dev.irm.runbook.PatternMatch;
import dev.irm.runbook.LoadedRunbook;
import dev.irm.runbook.Runbook;
import dev.irm.runbook.Variable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A runbook's variable values: its defaults, overridden by the context's variables, overridden by
 * {@code --set}. Every value is checked against the variable's type and pattern before use.
 */
public final class RunVariables {
    /** Longer than any id list or path a runbook takes; a longer value is refused before any rule looks at it. */
    static final int MAX_VALUE_CHARS = 16 * 1024;

    private RunVariables() {
    }

    /**
     * The values {@code irm diagnose} judges with: defaults, overridden by the context's variables,
     * which are checked as {@link #resolve} checks them (a variable without a default stays null).
     */
    public static Map<String, Object> defaults(LoadedRunbook loaded, Map<String, Object> contextVariables) {
        Map<String, Object> values = new LinkedHashMap<>();
        loaded.runbook().variables().forEach((name, v) -> values.put(name, contextVariables.containsKey(name)
                ? checked(loaded, v, String.valueOf(contextVariables.get(name)), "context variable " + name, true)
                : typed(v, v.defaultValue())));
        return values;
    }

    public static Map<String, Object> resolve(LoadedRunbook loaded, Map<String, Object> contextVariables, Map<String, String> sets) {
        Runbook runbook = loaded.runbook();
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, String> set : sets.entrySet()) {
            if (!runbook.variables().containsKey(set.getKey())) {
                throw IrmException.usage("--set " + set.getKey() + ": runbook " + runbook.id() + " has no variable '" + set.getKey()
                        + "'" + (runbook.variables().isEmpty() ? "" : " (it has: " + String.join(", ", runbook.variables().keySet()) + ")"));
            }
        }
        for (Map.Entry<String, Variable> e : runbook.variables().entrySet()) {
            String name = e.getKey();
            Variable v = e.getValue();
            String raw = sets.containsKey(name) ? sets.get(name)
                    : contextVariables.containsKey(name) ? String.valueOf(contextVariables.get(name)) : v.defaultValue();
            if (raw == null) {
                throw IrmException.usage(loaded.locate(v) + ": variable " + name + " has no default: pass --set " + name + "=VALUE");
            }
            boolean fromContext = !sets.containsKey(name) && contextVariables.containsKey(name);
            String origin = sets.containsKey(name) ? "--set " + name : fromContext ? "context variable " + name : "default of " + name;
            values.put(name, checked(loaded, v, raw, origin, fromContext));
        }
        return values;
    }

    /**
     * {@code raw} checked against the variable's length bound, type, bounds and pattern. A bad value
     * from the context is a config error (exit 65); from {@code --set} or a default, a usage error (64).
     */
    private static Object checked(LoadedRunbook loaded, Variable v, String raw, String origin, boolean fromContext) {
        Function<String, IrmException> bad = fromContext ? IrmException::invalid : IrmException::usage;
        if (raw.length() > MAX_VALUE_CHARS) {
            throw bad.apply(loaded.locate(v) + ": " + origin + ": a value of " + raw.length()
                    + " characters is longer than the " + MAX_VALUE_CHARS + " allowed");
        }
        if (!v.type().accepts(raw)) {
            throw bad.apply(loaded.locate(v) + ": " + origin + ": '" + BoundedInput.echo(raw) + "' is not " + v.type().expected());
        }
        String outside = v.outOfBounds(raw);
        if (outside != null) {
            throw bad.apply(loaded.locate(v) + ": " + origin + ": " + BoundedInput.echo(raw) + " is " + outside);
        }
        if (v.pattern() != null && !PatternMatch.matches(Pattern.compile(v.pattern()), raw)) {
            throw bad.apply(loaded.locate(v) + ": " + origin + ": '" + BoundedInput.echo(raw) + "' does not match " + v.pattern());
        }
        return typed(v, raw);
    }

    private static Object typed(Variable v, String raw) {
        if (raw == null) {
            return null;
        }
        try {
            return switch (v.type()) {
                case INTEGER -> Long.parseLong(raw);
                case NUMBER -> Double.parseDouble(raw);
                case BOOLEAN -> Boolean.parseBoolean(raw);
                default -> raw;
            };
        } catch (NumberFormatException e) {
            return raw;
        }
    }
}
