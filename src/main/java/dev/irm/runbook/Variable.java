package dev.irm.runbook;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.irm.support.Durations;
import java.util.Map;

/** A runbook input: overridable with {@code --set NAME=VALUE} or the context's variables. */
public record Variable(
        @JsonProperty("default") String defaultValue,
        String description,
        VariableType type,
        String pattern,
        String min,
        String max,
        Map<String, Map<String, String>> i18n) {

    public Variable {
        type = type == null ? VariableType.STRING : type;
        i18n = i18n == null ? Map.of() : i18n;
    }

    /**
     * Why {@code value} (already of the variable's type) is outside {@code min}..{@code max}, or
     * null when it is within them. Integers and numbers are at least 0 unless {@code min} says otherwise.
     */
    public String outOfBounds(String value) {
        String least = min != null ? min : type == VariableType.INTEGER || type == VariableType.NUMBER ? "0" : null;
        if (least != null && compare(value, least) < 0) {
            return "less than the minimum " + least + (min == null ? " (declare min: to allow negative values)" : "");
        }
        if (max != null && compare(value, max) > 0) {
            return "more than the maximum " + max;
        }
        return null;
    }

    /** Bounds only mean something on ordered types. */
    public static boolean ordered(VariableType type) {
        return type == VariableType.INTEGER || type == VariableType.NUMBER || type == VariableType.DURATION;
    }

    private int compare(String value, String bound) {
        return switch (type) {
            case INTEGER -> Long.compare(Long.parseLong(value), Long.parseLong(bound));
            case NUMBER -> Double.compare(Double.parseDouble(value), Double.parseDouble(bound));
            case DURATION -> Durations.parse(value).compareTo(Durations.parse(bound));
            default -> 0;
        };
    }
}
