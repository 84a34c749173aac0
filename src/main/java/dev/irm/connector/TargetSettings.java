package dev.irm.connector;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Resolved connection settings of one target (option → environment → context → default), plus
 * the per-call timeout. {@code named} is true when an option, an environment variable or the
 * context names the target (CONTRACT.md "Connections"); false when only local defaults apply.
 * {@link #toString()} never shows a secret.
 */
public record TargetSettings(String target, Map<String, String> values, Duration timeout, boolean named, Set<String> secretKeys) {

    public TargetSettings {
        values = Map.copyOf(new TreeMap<>(values));
        secretKeys = Set.copyOf(secretKeys);
    }

    /** Settings given explicitly (tests, training): the target counts as named; secrets are the keys named like one. */
    public TargetSettings(String target, Map<String, String> values, Duration timeout) {
        this(target, values, timeout, true, Set.of());
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

    /** Whether the value of a key must never be shown: declared secret by the target, or named like a secret. */
    public boolean isSecret(String key) {
        return secretKeys.contains(key) || Secrets.isSecretKey(key);
    }

    public int timeoutMillis() {
        return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    /** The values as they may be shown, sorted by key: a secret as {@code ***}, a URL's password masked. */
    public Map<String, String> shown() {
        Map<String, String> shown = new TreeMap<>();
        values.forEach((k, v) -> shown.put(k, isSecret(k) ? "***" : Secrets.maskUrl(v)));
        return shown;
    }

    @Override
    public String toString() {
        return target + shown();
    }
}
