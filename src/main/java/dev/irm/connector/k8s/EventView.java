package dev.irm.connector.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** A namespace event: type, reason, message, how often, when last seen (lastTimestamp, else eventTime, else firstTimestamp). */
record EventView(String type, String reason, String message, long count, Instant lastSeen, String object) {

    static EventView of(JsonNode e) {
        String kind = K8sJson.text(e, "involvedObject", "kind");
        String object = K8sJson.at(e, "involvedObject").isObject() ? kind + "/" + K8sJson.text(e, "involvedObject", "name") : "";
        return new EventView(K8sJson.text(e, "type"), String.valueOf(K8sJson.text(e, "reason")), String.valueOf(K8sJson.text(e, "message")),
                K8sJson.number(e, 1, "count"), lastSeen(e), object);
    }

    private static Instant lastSeen(JsonNode e) {
        for (String t : new String[] {K8sJson.text(e, "lastTimestamp"), K8sJson.text(e, "eventTime"), K8sJson.text(e, "firstTimestamp")}) {
            if (t != null && !t.isEmpty()) {
                try {
                    return Instant.parse(t);
                } catch (DateTimeParseException ignored) {
                    // try the next stamp
                }
            }
        }
        return null;
    }
}
