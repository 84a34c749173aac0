package dev.irm.connector;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Resolved connection settings of one target (option → environment → context → default), plus
 * the per-call timeout. {@link #toString()} never shows a secret.
 */
public record TargetSettings(String target, Map<String, String> values, Duration timeout) {

    public TargetSettings {
        values = Map.copyOf(new TreeMap<>(values));
    }

    public String get(String key) {
        return values.get(key);
    }

    public String get(String key, String fallback) {
        String v = values.get(key);
        return v == null || v.isEmpty() ? fallback : v;
    }

    /** Values under a prefix, e.g. {@code properties.} for Kafka client properties. */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    public int timeoutMillis() {
        return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>();
        values.forEach((k, v) -> shown.put(k, Secrets.isSecretKey(k) ? "***" : Secrets.maskUrl(v)));
        return target + shown;
    }
}
