package dev.irm.connector.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A ReplicaSet as rollout history reads it: its revision annotation, images, replicas, age and owning deployments. */
record ReplicaSetView(String name, Map<String, String> annotations, String created, long replicas, String images,
                      List<String> ownerDeployments) {

    static ReplicaSetView of(JsonNode rs) {
        List<String> owners = new ArrayList<>();
        K8sJson.at(rs, "metadata", "ownerReferences").forEach(o -> {
            if ("Deployment".equals(o.path("kind").asText())) {
                owners.add(o.path("name").asText());
            }
        });
        return new ReplicaSetView(K8sJson.text(rs, "metadata", "name"), K8sJson.strings(rs, "metadata", "annotations"),
                K8sJson.text(rs, "metadata", "creationTimestamp"), K8sJson.number(rs, 0, "status", "replicas"),
                K8sJson.images(K8sJson.at(rs, "spec", "template", "spec")), List.copyOf(owners));
    }

    long revision() {
        return K8sReads.revision(annotations);
    }
}
