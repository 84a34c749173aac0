package dev.irm.connector.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.connector.Args;
import dev.irm.connector.Observation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Resilience4j circuit breakers: {@code /actuator/circuitbreakers} when exposed, else Prometheus'
 * {@code resilience4j_circuitbreaker_state{name,state} == 1} (Micrometer's binder), which is all a
 * default web exposure leaves. {@code exists = false} with {@code why} when neither has them.
 */
final class BreakerReads {
    private BreakerReads() {
    }

    static Observation circuitBreakers(ReadOnlyHttp http) {
        ReadOnlyHttp.Response r = http.app("/actuator/circuitbreakers");
        List<Map<String, Object>> rows = new ArrayList<>();
        String source = "actuator";
        String why = "";
        if (r.status() != 404) {
            HttpReads.requireOk(r, "/actuator/circuitbreakers");
            for (Iterator<Map.Entry<String, JsonNode>> it = r.json().path("circuitBreakers").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode b = e.getValue();
                Map<String, Object> row = HttpReads.row("name", e.getKey(), "state", b.path("state").asText("UNKNOWN"));
                row.put("failure_rate", b.path("failureRate").asText(""));
                row.put("failure_rate_threshold", b.path("failureRateThreshold").asText(""));
                row.put("buffered_calls", b.path("bufferedCalls").asLong());
                row.put("failed_calls", b.path("failedCalls").asLong());
                row.put("not_permitted_calls", b.path("notPermittedCalls").asLong());
                rows.add(row);
            }
        } else {
            source = "prometheus";
            try {
                Observation o = HttpReads.prometheusQuery(http, new Args(Map.of("query",
                        "max by (name, state) (resilience4j_circuitbreaker_state) == 1")));
                for (Map<String, Object> series : o.rows()) {
                    String labels = String.valueOf(series.get("metric"));
                    Map<String, Object> row = HttpReads.row("name", label(labels, "name"),
                            "state", label(labels, "state").toUpperCase(Locale.ROOT));
                    row.put("not_permitted_calls", 0L);
                    rows.add(row);
                }
                if (rows.isEmpty()) {
                    why = "/actuator/circuitbreakers not exposed and Prometheus has no resilience4j_circuitbreaker_state";
                }
            } catch (IllegalStateException e) {
                why = "/actuator/circuitbreakers not exposed and " + e.getMessage();
            }
        }
        return summarize(rows, source, why);
    }

    private static Observation summarize(List<Map<String, Object>> rows, String source, String why) {
        long open = 0;
        long halfOpen = 0;
        List<String> openNames = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            String state = String.valueOf(row.get("state"));
            if (state.endsWith("OPEN") && !state.equals("HALF_OPEN")) {
                open++;
                openNames.add(String.valueOf(row.get("name")));
            } else if (state.equals("HALF_OPEN")) {
                halfOpen++;
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("exists", why.isEmpty());
        m.put("source", why.isEmpty() ? source : "none");
        m.put("why", why);
        m.put("breakers", (long) rows.size());
        m.put("open", open);
        m.put("half_open", halfOpen);
        m.put("open_names", String.join(", ", openNames));
        m.put("not_permitted_calls", rows.stream().mapToLong(x -> ((Number) x.get("not_permitted_calls")).longValue()).sum());
        return Observation.of(m, rows);
    }

    /** One label's value from the {@code {k=v, k2=v2}} text HttpReads.prometheusQuery puts in a row. */
    private static String label(String labels, String name) {
        for (String part : labels.replaceAll("^\\{|\\}$", "").split(", ")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).equals(name)) {
                return part.substring(eq + 1);
            }
        }
        return "";
    }
}
