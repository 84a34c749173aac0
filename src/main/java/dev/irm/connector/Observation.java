package dev.irm.connector;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a read action saw: named values for checks and JSON ({@code metrics}), an optional table
 * for people ({@code rows}) and an optional text excerpt (log lines).
 */
public record Observation(Map<String, Object> metrics, List<Map<String, Object>> rows, String text) {

    public Observation {
        metrics = metrics == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        rows = rows == null ? List.of() : List.copyOf(rows);
    }

    public static Observation of(Map<String, Object> metrics) {
        return new Observation(metrics, List.of(), null);
    }

    public static Observation of(Map<String, Object> metrics, List<Map<String, Object>> rows) {
        return new Observation(metrics, rows, null);
    }
}
