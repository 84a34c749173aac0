package dev.irm.runbook;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.irm.connector.AppPathRule;
import dev.irm.support.Durations;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Value types a variable may declare; each carries the rule a value must follow. Rules are
 * linear: a value is never matched by a repeated group (Java's regex recursion overflows the stack
 * on long input), lists and paths are walked by hand.
 */
public enum VariableType {
    STRING(value -> true, "text"),
    INTEGER(matches("-?\\d{1,18}"), "an integer"),
    NUMBER(matches("-?\\d{1,18}(\\.\\d{1,18})?"), "a number"),
    BOOLEAN(matches("true|false"), "true or false"),
    DURATION(VariableType::isDuration, "a duration such as 500ms, 30s, 5m, 1h (at most 366d)"),
    IDENTIFIER(matches("[A-Za-z_][A-Za-z0-9_]{0,63}"), "an SQL identifier ([A-Za-z_][A-Za-z0-9_]*, at most 64)"),
    KEY_PATTERN(matches("[^\\s\\x00-\\x1f]{1,256}"), "a Redis key or glob pattern without spaces"),
    ID_LIST(VariableType::isIdList, "a comma-separated list of at most " + VariableType.MAX_IDS + " non-negative integers (or empty)"),
    APP_PATH(AppPathRule::accepts, "an app path such as /admin/queue/activate (segments of letters, digits, . _ ~ -; no . or .. segment)");

    static final int MAX_IDS = 1000;

    private final Predicate<String> rule;
    private final String expected;

    VariableType(Predicate<String> rule, String expected) {
        this.rule = rule;
        this.expected = expected;
    }

    public boolean accepts(String value) {
        return value != null && rule.test(value);
    }

    public String expected() {
        return expected;
    }

    @JsonValue
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static Predicate<String> matches(String regex) {
        Pattern pattern = Pattern.compile(regex);
        return value -> value.length() <= 300 && pattern.matcher(value).matches();
    }

    private static boolean isDuration(String value) {
        try {
            Durations.parse(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isIdList(String value) {
        if (value.isEmpty()) {
            return true;
        }
        int ids = 1;
        int digits = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++digits > 19) {
                    return false;
                }
            } else if (c == ',' && digits > 0 && ++ids <= MAX_IDS) {
                digits = 0;
            } else {
                return false;
            }
        }
        return digits > 0;
    }
}
