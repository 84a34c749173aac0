package dev.irm.connector.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** What one pod's spec and status say, in the terms the runbooks judge (restarts, OOMKilled, CrashLoopBackOff, limits), and its labels. */
record PodFacts(String name, String phase, boolean ready, long restarts, boolean oomKilled, boolean crashLoop,
                String waitingReason, long memoryLimit, long memoryRequest, boolean limited, String container, Instant startedAt,
                Map<String, String> labels) {

    static PodFacts of(JsonNode pod) {
        JsonNode statuses = K8sJson.at(pod, "status", "containerStatuses");
        long restarts = 0;
        boolean oom = false;
        boolean crash = false;
        boolean ready = statuses.size() > 0;
        String waiting = "";
        for (JsonNode s : statuses) {
            restarts += K8sJson.number(s, 0, "restartCount");
            ready &= s.path("ready").asBoolean(false);
            oom |= "OOMKilled".equals(K8sJson.text(s, "lastState", "terminated", "reason"))
                    || "OOMKilled".equals(K8sJson.text(s, "state", "terminated", "reason"));
            if (K8sJson.at(s, "state", "waiting").isObject()) {
                waiting = String.valueOf(K8sJson.text(s, "state", "waiting", "reason"));
                crash |= "CrashLoopBackOff".equals(waiting);
            }
        }
        JsonNode containers = K8sJson.at(pod, "spec", "containers");
        long limit = 0;
        long request = 0;
        boolean limited = containers.size() > 0;
        for (JsonNode c : containers) {
            long l = K8sJson.bytes(K8sJson.at(c, "resources", "limits"));
            limited &= l > 0;
            limit += l;
            request += K8sJson.bytes(K8sJson.at(c, "resources", "requests"));
        }
        String start = K8sJson.text(pod, "status", "startTime");
        String phase = K8sJson.at(pod, "status").isObject() ? String.valueOf(K8sJson.text(pod, "status", "phase")) : "Unknown";
        return new PodFacts(K8sJson.text(pod, "metadata", "name"), phase, ready, restarts, oom, crash, waiting, limit, request, limited,
                containers.size() == 0 ? null : K8sJson.text(containers.get(0), "name"), start == null ? null : Instant.parse(start),
                K8sJson.strings(pod, "metadata", "labels"));
    }

    Map<String, Object> row() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("pod", name);
        row.put("phase", phase);
        row.put("ready", ready);
        row.put("restarts", restarts);
        row.put("oom_killed", oomKilled);
        row.put("waiting", waitingReason.isEmpty() ? "-" : waitingReason);
        row.put("memory_limit", memoryLimit);
        row.put("memory_request", memoryRequest);
        return row;
    }
}
