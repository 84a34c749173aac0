package dev.irm.runbook;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** A runbook input: overridable with {@code --set NAME=VALUE} or the context's variables. */
public record Variable(
        @JsonProperty("default") String defaultValue,
        String description,
        VariableType type,
        String pattern,
        Map<String, Map<String, String>> i18n) {

    public Variable {
        type = type == null ? VariableType.STRING : type;
        i18n = i18n == null ? Map.of() : i18n;
    }
}
