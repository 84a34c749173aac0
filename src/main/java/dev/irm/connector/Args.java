package dev.irm.connector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Resolved arguments of one action call, with typed access. Values are passed on as parameters, never spliced. */
public final class Args {
    private final Map<String, Object> values;

    public Args(Map<String, Object> values) {
        this.values = new LinkedHashMap<>(values);
    }

    public static Args of(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return new Args(map);
    }

    public Map<String, Object> asMap() {
        return Map.copyOf(values);
    }

    public boolean has(String name) {
        return values.get(name) != null;
    }

    public String string(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("argument '" + name + "' is missing");
        }
        return v.toString();
    }

    public String string(String name, String fallback) {
        Object v = values.get(name);
        return v == null ? fallback : v.toString();
    }

    public long number(String name, long fallback) {
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("argument '" + name + "' must be a whole number, not '" + v + "'");
        }
    }

    public double decimal(String name, double fallback) {
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("argument '" + name + "' must be a number, not '" + v + "'");
        }
    }

    public boolean flag(String name, boolean fallback) {
        Object v = values.get(name);
        return v == null ? fallback : Boolean.parseBoolean(v.toString());
    }

    public List<String> strings(String name) {
        Object v = values.get(name);
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> list) {
            list.forEach(item -> out.add(String.valueOf(item)));
        } else if (v != null) {
            for (String part : v.toString().split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
