package dev.irm.connector.k8s;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
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

    Deployment deployment(String name) {
        return client.apps().deployments().inNamespace(namespace).withName(name).get();
    }

    List<Deployment> deployments(String selector) {
        List<Deployment> all = once("deployments", () -> client.apps().deployments().inNamespace(namespace).list().getItems());
        return selected(all, selector, d -> d.getMetadata().getLabels());
    }

    /**
     * Pods of the namespace a selector picks, from the one pod list of this command. Not one label-filtered
     * list per selector: {@code diagnose k8s} also judges every pod of the namespace (unknown-outage's
     * pods-healthy), so a filtered list of the app's pods would be a second read of most of the same bytes.
     */
    List<Pod> pods(String selector) {
        List<Pod> all = once("pods", () -> client.pods().inNamespace(namespace).list().getItems());
        return selected(all, selector, p -> p.getMetadata().getLabels());
    }

    /**
     * What each pod of {@link #pods(String)} says, worked out once per command: every pod and log step of
     * {@code diagnose k8s} judges the same list (a dozen steps × 2,000 pods, two memory quantities each).
     */
    List<PodFacts> podFacts(String selector) {
        List<Pod> all = pods(null); // outside once(): a nested computeIfAbsent on one map is not allowed
        List<PodFacts> facts = once("podfacts", () -> all.stream().map(PodFacts::of).toList());
        return selected(facts, selector, PodFacts::labels);
    }

    private static <T> List<T> selected(List<T> all, String selector, Function<T, Map<String, String>> labels) {
        return selector == null ? all : all.stream().filter(item -> LabelSelector.matches(selector, labels.apply(item))).toList();
    }

    Pod pod(String name) {
        return client.pods().inNamespace(namespace).withName(name).get();
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

    List<Event> events() {
        return once("events", () -> client.v1().events().inNamespace(namespace).list().getItems());
    }

    List<ReplicaSet> replicaSets() {
        return once("replicasets", () -> client.apps().replicaSets().inNamespace(namespace).list().getItems());
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
