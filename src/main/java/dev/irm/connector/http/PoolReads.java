package dev.irm.connector.http;

import dev.irm.connector.Args;
import dev.irm.connector.Observation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HikariCP pool: from actuator metrics ({@code hikaricp.connections.*}) when the app exposes
 * them, else from Prometheus ({@code hikaricp_connections_*{pool}}, Micrometer's names), which
 * Spring Boot's default web exposure (health only) leaves as the one place to read it. Needs
 * {@code active} and {@code max}; {@code idle} and {@code pending} are optional. No pool in either
 * place is {@code exists = false} with the reason in {@code why}, never "0 of 0".
 */
final class PoolReads {
    private static final List<String> PARTS = List.of("active", "max", "pending", "idle");

    private PoolReads() {
    }

    static Observation hikari(ReadOnlyHttp http, Args args) {
        String pool = args.has("pool") ? args.string("pool") : null;
        Map<String, Double> values = fromActuator(http, pool);
        String source = "actuator";
        String why = "";
        if (!values.containsKey("active") || !values.containsKey("max")) {
            source = "prometheus";
            try {
                values = fromPrometheus(http, pool);
                if (!values.containsKey("active") || !values.containsKey("max")) {
                    why = "neither /actuator/metrics/hikaricp.connections.* nor Prometheus' hikaricp_connections_*"
                            + (pool == null ? "" : "{pool=\"" + pool + "\"}") + " has the pool (not exposed, or the pool never started)";
                }
            } catch (IllegalStateException e) {
                why = "/actuator/metrics/hikaricp.connections.* not exposed and " + e.getMessage();
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        boolean exists = why.isEmpty();
        for (String part : PARTS) {
            m.put(part, Math.round(values.getOrDefault(part, 0.0)));
        }
        m.put("idle_known", values.containsKey("idle"));
        m.put("exists", exists);
        m.put("source", exists ? source : "none");
        m.put("why", why);
        long active = (Long) m.get("active");
        long max = (Long) m.get("max");
        m.put("active_pct", max > 0 ? Math.round(active * 1000.0 / max) / 10.0 : 0.0);
        return Observation.of(m);
    }

    private static Map<String, Double> fromActuator(ReadOnlyHttp http, String pool) {
        List<String> tags = pool == null ? List.of() : List.of("pool:" + pool);
        Map<String, Double> values = new LinkedHashMap<>();
        for (String part : PARTS) {
            Observation o = HttpReads.actuatorMetric(http, new Args(Map.of("name", "hikaricp.connections." + part, "tags", tags)));
            if (Boolean.TRUE.equals(o.metrics().get("exists"))) {
                values.put(part, (Double) o.metrics().get("value"));
            } else if (part.equals("active")) {
                return values;
            }
        }
        return values;
    }

    /** The busiest pool's numbers when several instances report one (max over instances). */
    private static Map<String, Double> fromPrometheus(ReadOnlyHttp http, String pool) {
        String selector = pool == null ? "" : "{pool=\"" + pool.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        Map<String, Double> values = new LinkedHashMap<>();
        for (String part : PARTS) {
            Observation o = HttpReads.prometheusQuery(http, new Args(Map.of("query", "max(hikaricp_connections_" + part + selector + ")")));
            if ((Long) o.metrics().get("series") > 0) {
                values.put(part, (Double) o.metrics().get("value"));
            }
        }
        return values;
    }
}
