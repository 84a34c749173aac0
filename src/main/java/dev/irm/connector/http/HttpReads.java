package dev.irm.connector.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.connector.Args;
import dev.irm.connector.Observation;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Read actions over Spring Boot actuator and Prometheus JSON. Every request goes through {@link ReadOnlyHttp}. */
final class HttpReads {
    private HttpReads() {
    }

    /** {@code /actuator/health}: overall status and each component's (503 with status DOWN is an answer, not an error). */
    static Observation health(ReadOnlyHttp http) {
        ReadOnlyHttp.Response r;
        try {
            r = http.app("/actuator/health");
        } catch (ReadOnlyHttp.NoAnswer e) {
            return noHealthAnswer(http);
        }
        JsonNode body = r.json();
        String status = body != null && body.hasNonNull("status") ? body.get("status").asText() : "HTTP " + r.status();
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> down = new ArrayList<>();
        String dbStatus = "";
        JsonNode components = body == null ? null : body.path("components");
        if (components != null && components.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = components.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> c = it.next();
                String cs = c.getValue().path("status").asText("UNKNOWN");
                rows.add(row("component", c.getKey(), "status", cs));
                if ("db".equals(c.getKey())) { // Spring Boot's DataSourceHealthIndicator
                    dbStatus = cs;
                }
                if (!"UP".equals(cs)) {
                    down.add(c.getKey() + "=" + cs);
                }
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status);
        m.put("http_status", (long) r.status());
        m.put("components", (long) rows.size());
        m.put("components_not_up", (long) down.size());
        m.put("not_up", String.join(", ", down));
        m.put("db_status", dbStatus);
        m.put("latency_ms", r.millis());
        m.put("answered", true);
        m.put("timeout_ms", http.timeoutMillis());
        return Observation.of(m, rows);
    }

    /**
     * Spring Boot's health waits for a pool connection (Hikari connection-timeout, 30 s by default)
     * when the pool is exhausted or the database is down: no answer within the call timeout is a
     * finding about health, while the app's other endpoints still answer (the target is reachable).
     */
    private static Observation noHealthAnswer(ReadOnlyHttp http) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", "NO_ANSWER");
        m.put("http_status", 0L);
        m.put("components", 0L);
        m.put("components_not_up", 0L);
        m.put("not_up", "");
        m.put("db_status", "");
        m.put("latency_ms", http.timeoutMillis());
        m.put("answered", false);
        m.put("timeout_ms", http.timeoutMillis());
        return Observation.of(m);
    }

    /** {@code /actuator/metrics/NAME[?tag=K:V]}: one statistic as {@code value}, every statistic by its lower-case name. */
    static Observation actuatorMetric(ReadOnlyHttp http, Args args) {
        String name = args.string("name");
        String statistic = args.string("statistic", "VALUE").toUpperCase(Locale.ROOT);
        ReadOnlyHttp.Response r = http.app("/actuator/metrics/" + name, tagQuery(args.strings("tags")));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("exists", r.ok());
        m.put("statistic", statistic);
        m.put("value", 0.0);
        m.put("base_unit", "");
        if (r.status() == 404) {
            return Observation.of(m);
        }
        requireOk(r, "/actuator/metrics/" + name);
        JsonNode body = r.json();
        m.put("base_unit", body.path("baseUnit").asText(""));
        boolean found = false;
        for (JsonNode measurement : body.path("measurements")) {
            String stat = measurement.path("statistic").asText();
            double value = measurement.path("value").asDouble();
            m.put(stat.toLowerCase(Locale.ROOT), value);
            if (stat.equalsIgnoreCase(statistic)) {
                m.put("value", value);
                found = true;
            }
        }
        if (!found) {
            throw new IllegalStateException("metric " + name + " has no statistic " + statistic);
        }
        return Observation.of(m);
    }

    /**
     * Prometheus instant query: the first series' value as {@code value} (0 when there is none) and
     * its labels as {@code label_NAME} (e.g. {@code label_estimate} set by label_replace), the series as rows.
     */
    static Observation prometheusQuery(ReadOnlyHttp http, Args args) {
        String query = args.string("query");
        ReadOnlyHttp.Response r = http.prometheusQuery(query);
        JsonNode body = r.json();
        if (body == null || !"success".equals(body.path("status").asText())) {
            String why = body == null ? "HTTP " + r.status() + ", not a Prometheus API answer"
                    : body.path("errorType").asText("error") + ": " + body.path("error").asText("");
            throw new IllegalStateException("prometheus query failed: " + why);
        }
        JsonNode data = body.path("data");
        String type = data.path("resultType").asText();
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, Object> firstLabels = new LinkedHashMap<>();
        if (type.equals("scalar") || type.equals("string")) {
            rows.add(sample(Map.of(), data.path("result")));
        } else {
            for (JsonNode series : data.path("result")) {
                Map<String, Object> labels = new LinkedHashMap<>();
                series.path("metric").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
                JsonNode value = series.has("value") ? series.path("value") : lastOf(series.path("values"));
                if (rows.isEmpty()) {
                    firstLabels.putAll(labels);
                }
                rows.add(sample(labels, value));
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("result_type", type);
        m.put("series", (long) rows.size());
        m.put("value", rows.isEmpty() ? 0.0 : rows.get(0).get("value"));
        m.put("latency_ms", r.millis());
        firstLabels.forEach((k, v) -> m.put("label_" + k, v));
        m.put("estimate", String.valueOf(firstLabels.getOrDefault("estimate", "")));
        return Observation.of(m, rows.size() > 20 ? rows.subList(0, 20) : rows);
    }

    /** GET an app path and extract one value with a JSON pointer ({@code /a/b/0}). */
    static Observation getJson(ReadOnlyHttp http, Args args) {
        String path = args.string("path");
        String pointer = args.string("pointer", "");
        ReadOnlyHttp.Response r = http.app(path);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("http_status", (long) r.status());
        JsonNode node = r.json() == null ? null : r.json().at(pointer);
        boolean exists = node != null && !node.isMissingNode() && !node.isNull();
        m.put("exists", exists);
        Object value = "";
        if (exists) {
            if (node.isNumber()) {
                value = node.asDouble();
            } else if (node.isBoolean()) {
                value = node.asBoolean();
            } else if (node.isContainerNode()) {
                value = (long) node.size();
            } else {
                value = node.asText();
            }
        }
        m.put("value", value);
        m.put("latency_ms", r.millis());
        return Observation.of(m);
    }

    /** Prometheus sends values as strings; NaN and ±Inf (e.g. 0/0 with no traffic) become 0 so JSON output stays valid. */
    private static Map<String, Object> sample(Map<String, Object> labels, JsonNode pair) {
        String text = pair.path(1).asText("0");
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            value = 0;
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("metric", labels.isEmpty() ? "{}" : labels.toString());
        row.put("value", Double.isFinite(value) ? value : 0.0);
        row.put("raw", text);
        return row;
    }

    private static JsonNode lastOf(JsonNode values) {
        return values.size() == 0 ? values : values.get(values.size() - 1);
    }

    private static String tagQuery(List<String> tags) {
        List<String> parts = new ArrayList<>();
        for (String tag : tags) {
            AppPaths.tag(tag);
            parts.add("tag=" + URLEncoder.encode(tag, StandardCharsets.UTF_8));
        }
        return String.join("&", parts);
    }

    static void requireOk(ReadOnlyHttp.Response r, String path) {
        if (!r.ok() || r.json() == null) {
            throw new IllegalStateException("GET " + path + " answered HTTP " + r.status() + (r.json() == null ? " without JSON" : ""));
        }
    }

    static Map<String, Object> row(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put(k1, v1);
        row.put(k2, v2);
        return row;
    }
}
