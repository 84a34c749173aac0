package dev.irm.connector;

import dev.irm.support.Durations;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The kind of value a parameter takes, checked at load on literal values and again on resolved
 * ones, before the parameter's own rule: a whole number where {@link Args#number} reads one, a
 * duration where {@link Durations#parse} does, and so on, so a wrong value is a located load error
 * rather than a failure (or a silent default) in the middle of a run. Like the runbook's variable
 * types, but for the connector layer.
 */
public enum ParamType {
    /** Anything a runbook writes; the parameter's rule says more. */
    TEXT("text", value -> true),
    INTEGER("a whole number", value -> value instanceof Integer || value instanceof Long
            || value instanceof String s && Patterns.INTEGER.matcher(s.trim()).matches()),
    NUMBER("a number", value -> value instanceof Number || value instanceof String s && Patterns.NUMBER.matcher(s.trim()).matches()),
    BOOLEAN("true or false", value -> value instanceof Boolean
            || value instanceof String s && List.of("true", "false").contains(s.trim().toLowerCase(Locale.ROOT))),
    DURATION("a duration such as 500ms, 30s, 5m, 1h", ParamType::isDuration),
    /** A YAML list, or one text with the items separated by commas. */
    LIST("a list (or comma-separated text)", value -> !(value instanceof Map<?, ?>));

    /** Compiled once (an enum constant's lambda cannot name a static field of the enum itself). */
    private static final class Patterns {
        static final Pattern INTEGER = Pattern.compile("-?\\d{1,18}");
        static final Pattern NUMBER = Pattern.compile("-?\\d{1,18}(\\.\\d{1,18})?");
    }

    private final String expected;
    private final Predicate<Object> accepts;

    ParamType(String expected, Predicate<Object> accepts) {
        this.expected = expected;
        this.accepts = accepts;
    }

    public String expected() {
        return expected;
    }

    /** Throws IllegalArgumentException with the reason unless {@code value} is of this type. */
    public void check(String param, Object value) {
        if (value != null && !accepts.test(value)) {
            throw new IllegalArgumentException("'" + value + "' is not " + expected + " (argument " + param + ")");
        }
    }

    private static boolean isDuration(Object value) {
        if (!(value instanceof String) && !(value instanceof Number)) {
            return false;
        }
        try {
            Durations.parse(value.toString());
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
