package dev.irm.testing;

import com.fasterxml.jackson.databind.JsonNode;

/** Finds a step or a mitigation in the JSON of {@code irm run -o json}. */
public final class RunJson {
    private RunJson() {
    }

    public static JsonNode mitigation(IrmCli.Result r, String step) {
        return find(r, "mitigations", "step", step);
    }

    public static JsonNode step(IrmCli.Result r, String id) {
        return find(r, "steps", "id", id);
    }

    private static JsonNode find(IrmCli.Result r, String list, String key, String value) {
        for (JsonNode node : r.json().path(list)) {
            if (value.equals(node.path(key).asText())) {
                return node;
            }
        }
        throw new AssertionError("no " + list + " entry " + value + " in " + r.out());
    }
}
