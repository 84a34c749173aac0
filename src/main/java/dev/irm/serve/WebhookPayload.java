package dev.irm.serve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Alertmanager's webhook body (version 4) strictly enough to trust nothing: bounded nesting
 * and string sizes, labels and annotations must be string maps, at most {@link #MAX_ALERTS} alerts.
 */
final class WebhookPayload {
    static final int MAX_ALERTS = 1000;
    private static final int MAX_DEPTH = 16;
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).maxStringLength(64 * 1024).build())
            .build()).build();

    private WebhookPayload() {
    }

    /** A body that is not a version 4 webhook; the message is safe to log (no payload text). */
    static final class BadPayload extends Exception {
        BadPayload(String message) {
            super(message);
        }
    }

    static List<Alert> parse(byte[] body) throws BadPayload {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            String why = e.getOriginalMessage() == null ? "invalid" : e.getOriginalMessage().lines().findFirst().orElse("invalid");
            if (why.contains("nesting depth")) {
                why = "nesting deeper than " + MAX_DEPTH;
            }
            throw new BadPayload("not JSON: " + truncate(why) + (e.getLocation() == null ? "" : " at byte " + e.getLocation().getByteOffset()));
        } catch (IOException e) {
            throw new BadPayload("unreadable body: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new BadPayload("expected a JSON object");
        }
        String version = root.path("version").asText("");
        if (!version.equals("4")) {
            throw new BadPayload("webhook payload version '" + truncate(version) + "', expected 4");
        }
        JsonNode alerts = root.get("alerts");
        if (alerts == null || !alerts.isArray()) {
            throw new BadPayload("no 'alerts' array");
        }
        if (alerts.size() > MAX_ALERTS) {
            throw new BadPayload(alerts.size() + " alerts in one request, at most " + MAX_ALERTS);
        }
        List<Alert> out = new ArrayList<>();
        for (int i = 0; i < alerts.size(); i++) {
            JsonNode a = alerts.get(i);
            if (!a.isObject()) {
                throw new BadPayload("alerts[" + i + "] is not an object");
            }
            out.add(new Alert(text(a, "status", i), strings(a, "labels", i), strings(a, "annotations", i),
                    text(a, "startsAt", i), text(a, "fingerprint", i), text(a, "generatorURL", i)));
        }
        return out;
    }

    private static String text(JsonNode alert, String field, int i) throws BadPayload {
        JsonNode v = alert.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new BadPayload("alerts[" + i + "]." + field + " is not a string");
        }
        return v.asText();
    }

    private static Map<String, String> strings(JsonNode alert, String field, int i) throws BadPayload {
        JsonNode v = alert.get(field);
        if (v == null || v.isNull()) {
            return Map.of();
        }
        if (!v.isObject()) {
            throw new BadPayload("alerts[" + i + "]." + field + " is not an object");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new BadPayload("alerts[" + i + "]." + field + "." + truncate(e.getKey()) + " is not a string");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    /** Payload text in a log line: short and printable only. */
    static String truncate(String text) {
        String printable = text.replaceAll("[^\\x20-\\x7E]", "?");
        return printable.length() <= 40 ? printable : printable.substring(0, 40) + "…";
    }
}
