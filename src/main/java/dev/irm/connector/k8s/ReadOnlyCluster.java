package dev.irm.connector.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.connector.logs.LogWindow;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The only door diagnostics have to the cluster: gets and lists in one namespace, nothing that writes.
 * Diagnostics read JSON trees ({@link K8sJson}); only the writes' own reads bind fabric8's models.
 * The connector lives for one command, so each list (pods, deployments, events, ReplicaSets) and each
 * log read is fetched once and reused by every later step: at 2,000 pods a pod list is about 1 MB.
 * {@link #forget()} drops the snapshot after a write.
 */
final class ReadOnlyCluster {
    private final KubernetesClient client;
    private final String namespace;
    private final Map<String, Object> snapshot = new ConcurrentHashMap<>();

    ReadOnlyCluster(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    String namespace() {
        return namespace;
    }

    void forget() {
        snapshot.clear();
    }

    @SuppressWarnings("unchecked")
    private <T> T once(String key, Supplier<T> fetch) {
        return (T) snapshot.computeIfAbsent(key, k -> fetch.get()); // a failed fetch is not stored: the next step tries again
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
        List<DeploymentView> all = once("deployments", () -> list(apps("deployments")).stream().map(DeploymentView::of).toList());
        return selected(all, selector, DeploymentView::labels);
    }

    /**
     * What each pod of the namespace says, from the one pod list of this command, for the pods a selector picks.
     * Not one label-filtered list per selector: {@code diagnose k8s} also judges every pod of the namespace
     * (unknown-outage's pods-healthy), so a filtered list of the app's pods would be a second read of most of the
     * same bytes. Worked out once per command: every pod and log step of {@code diagnose k8s} judges the same list.
     */
    List<PodFacts> podFacts(String selector) {
        List<PodFacts> all = once("pods", () -> list(core("pods")).stream().map(PodFacts::of).toList());
        return selected(all, selector, PodFacts::labels);
    }

    private static <T> List<T> selected(List<T> all, String selector, Function<T, Map<String, String>> labels) {
        return selector == null ? all : all.stream().filter(item -> LabelSelector.matches(selector, labels.apply(item))).toList();
    }

    PodFacts pod(String name) {
        JsonNode p = get(core("pods/" + encode(name)));
        return p == null ? null : PodFacts.of(p);
    }

    /**
     * Timestamped log of one container; {@code previous} reads the instance before the last restart.
     * Read once per command for the widest window asked so far: a step whose window and tail an earlier
     * read covers is cut from it ({@link LogWindow}), so the built-in runbooks read each pod's log at most
     * twice (30m/5,000, then 49h/20,000, which also answers 10m/5,000).
     */
    String log(String pod, String container, int sinceSeconds, int tail, boolean previous) {
        String key = "log\u0000" + pod + "\u0000" + container + "\u0000" + previous;
        Object cached = snapshot.get(key);
        if (cached instanceof LogWindow w && w.covers(sinceSeconds, tail)) {
            return w.cut(sinceSeconds, tail, Instant.now());
        }
        // not computeIfAbsent: logs are read in parallel, and a slow read must not hold the map's lock for other keys
        String log = client.raw(logPath(namespace, pod, container, sinceSeconds, tail, previous));
        if (log == null) {
            throw new KubernetesClientException("no log of pod " + pod + (container == null ? "" : " container " + container) + ": not found", 404, null);
        }
        LogWindow read = new LogWindow(sinceSeconds, tail, log == null ? "" : log);
        snapshot.merge(key, read, (old, fresh) -> old instanceof LogWindow w && w.covers(read.sinceSeconds(), read.tail()) ? old : fresh);
        return log;
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
        return once("events", () -> list(core("events")).stream().map(EventView::of).toList());
    }

    List<ReplicaSetView> replicaSets() {
        return once("replicasets", () -> list(apps("replicasets")).stream().map(ReplicaSetView::of).toList());
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
