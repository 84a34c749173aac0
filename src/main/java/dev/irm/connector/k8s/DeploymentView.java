package dev.irm.connector.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** A deployment as the diagnostics read it: replicas wanted (1 when unset, as the API server defaults it), ready, available, updated. */
record DeploymentView(String name, Map<String, String> labels, Map<String, String> annotations, long desired, long ready,
                      long available, long updated, String images) {

    static DeploymentView of(JsonNode d) {
        return new DeploymentView(K8sJson.text(d, "metadata", "name"), K8sJson.strings(d, "metadata", "labels"),
                K8sJson.strings(d, "metadata", "annotations"), K8sJson.number(d, 1, "spec", "replicas"),
                K8sJson.number(d, 0, "status", "readyReplicas"), K8sJson.number(d, 0, "status", "availableReplicas"),
                K8sJson.number(d, 0, "status", "updatedReplicas"), K8sJson.images(K8sJson.at(d, "spec", "template", "spec")));
    }

    long revision() {
        return K8sReads.revision(annotations);
    }
}
