package dev.irm.connector.k8s;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The API server's answers read as JSON trees of the fields the checks use, not as fabric8's models: binding a
 * pod list to {@code Pod} first builds Jackson deserializers for the whole pod model (~150 classes: every volume
 * source, probe and security context), which was the largest part of a cold {@code diagnose k8s}.
 */
final class K8sJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private K8sJson() {
    }

    static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the API server's answer is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The node at a path of field names, or a missing node (never null). */
    static JsonNode at(JsonNode node, String... fields) {
        JsonNode n = node == null ? MissingNode.getInstance() : node;
        for (String f : fields) {
            n = n.path(f);
        }
        return n;
    }

    /** Text at a path; null when absent or JSON null. */
    static String text(JsonNode node, String... fields) {
        JsonNode n = at(node, fields);
        return n.isMissingNode() || n.isNull() ? null : n.asText();
    }

    static long number(JsonNode node, long absent, String... fields) {
        JsonNode n = at(node, fields);
        return n.isNumber() ? n.asLong() : absent;
    }

    static List<JsonNode> items(JsonNode list) {
        List<JsonNode> out = new ArrayList<>();
        at(list, "items").forEach(out::add);
        return out;
    }

    /** A string map such as labels or annotations; empty when absent. */
    static Map<String, String> strings(JsonNode node, String... fields) {
        Map<String, String> out = new LinkedHashMap<>();
        at(node, fields).fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    /** A quantity such as {@code 512Mi} or {@code 250m} as a number (bytes for memory, cores for CPU); 0 when absent. */
    static BigDecimal quantity(JsonNode resources, String name) {
        String q = text(resources, name);
        return q == null || q.isBlank() ? BigDecimal.ZERO : Quantity.getAmountInBytes(Quantity.parse(q));
    }

    static long bytes(JsonNode resources) {
        return quantity(resources, "memory").longValue();
    }

    /** The images of a pod template's (or a pod's) containers, comma-separated. */
    static String images(JsonNode podSpec) {
        List<String> images = new ArrayList<>();
        at(podSpec, "containers").forEach(c -> images.add(c.path("image").asText()));
        return String.join(", ", images);
    }
}
