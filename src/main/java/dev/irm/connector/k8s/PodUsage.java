package dev.irm.connector.k8s;

import com.fasterxml.jackson.databind.JsonNode;

/** One pod's entry in the metrics API: memory in bytes and CPU in cores, summed over its containers. */
record PodUsage(String pod, long memory, double cpu) {

    static PodUsage of(JsonNode metrics) {
        long memory = 0;
        double cpu = 0;
        for (JsonNode c : K8sJson.at(metrics, "containers")) {
            memory += K8sJson.bytes(c.path("usage"));
            cpu += K8sJson.quantity(c.path("usage"), "cpu").doubleValue();
        }
        return new PodUsage(K8sJson.text(metrics, "metadata", "name"), memory, cpu);
    }
}
