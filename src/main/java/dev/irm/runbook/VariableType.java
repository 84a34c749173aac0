package dev.irm.runbook;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.regex.Pattern;

/** Value types a variable may declare; each carries the rule a value must follow. */
public enum VariableType {
    STRING(null, "text"),
    INTEGER(Pattern.compile("-?\\d{1,18}"), "an integer"),
    NUMBER(Pattern.compile("-?\\d{1,18}(\\.\\d+)?"), "a number"),
    BOOLEAN(Pattern.compile("true|false"), "true or false"),
    DURATION(Pattern.compile("\\d{1,9}(ms|s|m|h|d)"), "a duration such as 500ms, 30s, 5m, 1h"),
    IDENTIFIER(Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}"), "an SQL identifier ([A-Za-z_][A-Za-z0-9_]*, at most 64)"),
    KEY_PATTERN(Pattern.compile("[^\\s\\x00-\\x1f]{1,256}"), "a Redis key or glob pattern without spaces");

    private final Pattern rule;
    private final String expected;

    VariableType(Pattern rule, String expected) {
        this.rule = rule;
        this.expected = expected;
    }

    public boolean accepts(String value) {
        return value != null && (rule == null || rule.matcher(value).matches());
    }

    public String expected() {
        return expected;
    }

    @JsonValue
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
