package dev.irm.connector.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.connector.logs.KeptLogs;
import dev.irm.support.KeptReads;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The only door diagnostics have to the cluster: gets and lists in one namespace, nothing that writes.
 * Diagnostics read JSON trees ({@link K8sJson}); only the writes' own reads bind fabric8's models.
 * The connector lives for one command, so each list (pods, deployments, events, ReplicaSets) and each
 * log read is fetched once and reused by every later step: at 2,000 pods a pod list is about 1 MB.
 * {@link #forget()} drops what is kept (before and after each write).
 */
final class ReadOnlyCluster {
    private final KubernetesClient client;
    private final String namespace;
    private final KeptReads lists = new KeptReads();
    private final KeptLogs logs = new KeptLogs();

    ReadOnlyCluster(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    String namespace() {
        return namespace;
    }

    void forget() {
        lists.forget();
        logs.forget();
    }

    /** One GET of the API server, read as a JSON tree; null when it answers 404; other errors throw {@code KubernetesClientException}. */
    private JsonNode get(String path) {
        String body = client.raw(path);
        return body == null ? null : K8sJson.parse(body);
    }

    private List<JsonNode> list(String path) {
        return K8sJson.items(get(path));
    }

    private String core(String resource) {
        return "/api/v1/namespaces/" + encode(namespace) + "/" + resource;
    }

    private String apps(String resource) {
        return "/apis/apps/v1/namespaces/" + encode(namespace) + "/" + resource;
    }

    /** The connection probe: one pod at most, so it is cheap at any size (a 403 still proves the API server answers). */
    void probe() {
        get(core("pods") + "?limit=1");
    }

    /** The typed deployment, for the consented writes and their previews (which edit fabric8's model); diagnostics use {@link #deploymentView}. */
    Deployment deployment(String name) {
        return client.apps().deployments().inNamespace(namespace).withName(name).get();
    }

    /** The typed ReplicaSet whose pod template a rollout undo writes back. */
    ReplicaSet replicaSet(String name) {
        return client.apps().replicaSets().inNamespace(namespace).withName(name).get();
    }

    DeploymentView deploymentView(String name) {
        JsonNode d = get(apps("deployments/" + encode(name)));
        return d == null ? null : DeploymentView.of(d);
    }

    List<DeploymentView> deployments(String selector) {
        List<DeploymentView> all = lists.once("deployments", () -> list(apps("deployments")).stream().map(DeploymentView::of).toList());
        return selected(all, selector, DeploymentView::labels);
    }

    /**
     * What each pod of the namespace says, from the one pod list of this command, for the pods a selector picks.
     * Not one label-filtered list per selector: {@code diagnose k8s} also judges every pod of the namespace
     * (unknown-outage's pods-healthy), so a filtered list of the app's pods would be a second read of most of the
     * same bytes. Worked out once per command: every pod and log step of {@code diagnose k8s} judges the same list.
     */
    List<PodFacts> podFacts(String selector) {
        List<PodFacts> all = lists.once("pods", () -> list(core("pods")).stream().map(PodFacts::of).toList());
        return selected(all, selector, PodFacts::labels);
    }

    private static <T> List<T> selected(List<T> all, String selector, Function<T, Map<String, String>> labels) {
        return selector == null ? all : all.stream().filter(item -> LabelSelector.matches(selector, labels.apply(item))).toList();
    }

    PodFacts pod(String name) {
        JsonNode p = get(core("pods/" + encode(name)));
        return p == null ? null : PodFacts.of(p);
    }

    /** Timestamped log of one container, read once per command for the widest window ({@link KeptLogs}); {@code previous}: the instance before the last restart. */
    String log(String pod, String container, int sinceSeconds, int tail, boolean previous) {
        return logs.get(pod + "\u0000" + container + "\u0000" + previous, sinceSeconds, tail, () -> {
            String log = client.raw(logPath(namespace, pod, container, sinceSeconds, tail, previous));
            if (log == null) {
                throw new KubernetesClientException("no log of pod " + pod + (container == null ? "" : " container " + container) + ": not found",
                        404, null);
            }
            return log;
        });
    }

    /**
     * The pod's log endpoint (a GET). Not fabric8's {@code getLog()}: before every log it waits for the pod
     * to be ready or terminated, which costs a list of the pod and a watch per read. Names are encoded,
     * parameters in the order fabric8 writes them.
     */
    static String logPath(String namespace, String pod, String container, int sinceSeconds, int tail, boolean previous) {
        return "/api/v1/namespaces/" + encode(namespace) + "/pods/" + encode(pod) + "/log?pretty=false"
                + (container == null ? "" : "&container=" + encode(container)) + (previous ? "&previous=true" : "")
                + "&sinceSeconds=" + sinceSeconds + "&tailLines=" + tail + "&timestamps=true";
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    List<EventView> events() {
        return lists.once("events", () -> list(core("events")).stream().map(EventView::of).toList());
    }

    List<ReplicaSetView> replicaSets() {
        return lists.once("replicasets", () -> list(apps("replicasets")).stream().map(ReplicaSetView::of).toList());
    }

    /** Memory and CPU use of the pods a selector picks, from the metrics API (404 without metrics-server). */
    List<PodUsage> podMetrics(String selector) {
        String path = "/apis/metrics.k8s.io/v1beta1/namespaces/" + encode(namespace) + "/pods"
                + (selector == null ? "" : "?labelSelector=" + encode(selector.trim()));
        JsonNode answer = get(path);
        if (answer == null) {
            throw new KubernetesClientException("metrics API not found", 404, null);
        }
        return K8sJson.items(answer).stream().map(PodUsage::of).toList();
    }
}
