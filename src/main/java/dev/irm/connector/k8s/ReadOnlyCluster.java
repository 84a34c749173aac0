package dev.irm.connector.k8s;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.PodResource;
import java.util.List;
import java.util.Map;

/** The only door diagnostics have to the cluster: gets and lists in one namespace, nothing that writes. */
final class ReadOnlyCluster {
    private final KubernetesClient client;
    private final String namespace;

    ReadOnlyCluster(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    String namespace() {
        return namespace;
    }

    Deployment deployment(String name) {
        return client.apps().deployments().inNamespace(namespace).withName(name).get();
    }

    List<Deployment> deployments(String selector) {
        var all = client.apps().deployments().inNamespace(namespace);
        return selector == null ? all.list().getItems() : all.withLabelSelector(selector).list().getItems();
    }

    List<Pod> pods(String selector) {
        var all = client.pods().inNamespace(namespace);
        return selector == null ? all.list().getItems() : all.withLabelSelector(selector).list().getItems();
    }

    Pod pod(String name) {
        return client.pods().inNamespace(namespace).withName(name).get();
    }

    /** Timestamped log of one container; {@code previous} reads the instance before the last restart. */
    String log(String pod, String container, int sinceSeconds, int tail, boolean previous) {
        PodResource resource = client.pods().inNamespace(namespace).withName(pod);
        var stamped = container == null ? resource.usingTimestamps() : resource.inContainer(container).usingTimestamps();
        var timed = previous ? stamped.terminated() : stamped;
        return timed.sinceSeconds(sinceSeconds).tailingLines(tail).getLog();
    }

    List<Event> events() {
        return client.v1().events().inNamespace(namespace).list().getItems();
    }

    List<ReplicaSet> replicaSets() {
        return client.apps().replicaSets().inNamespace(namespace).list().getItems();
    }

    List<PodMetrics> podMetrics(String selector) {
        return selector == null ? client.top().pods().metrics(namespace).getItems()
                : client.top().pods().withLabels(labels(selector)).inNamespace(namespace).metrics().getItems();
    }

    static Map<String, String> labels(String selector) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String part : selector.split(",")) {
            String[] kv = part.trim().split("=", 2);
            out.put(kv[0], kv.length == 2 ? kv[1] : "");
        }
        return out;
    }
}
