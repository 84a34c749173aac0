package dev.irm.connector;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Resolved connection settings of one target (option → environment → context → default), plus
 * the per-call timeout. {@code named} is true when an option, an environment variable or the
 * context names the target (CONTRACT.md "Connections"); false when only local defaults apply.
 * {@link #toString()} never shows a secret.
 */
public record TargetSettings(String target, Map<String, String> values, Duration timeout, boolean named) {

    public TargetSettings {
        values = Map.copyOf(new TreeMap<>(values));
    }

    /** Settings given explicitly (tests, training): the target counts as named. */
    public TargetSettings(String target, Map<String, String> values, Duration timeout) {
        this(target, values, timeout, true);
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
