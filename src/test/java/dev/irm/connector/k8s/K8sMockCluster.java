package dev.irm.connector.k8s;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * fabric8's mock API server (CRUD plus expectations, as {@code @EnableKubernetesMockClient(crud = true)}
 * builds it) outside JUnit, holding {@link K8sCluster}'s faults: for bench/, which runs irm as a child
 * process and points it here with a kubeconfig file.
 */
public final class K8sMockCluster implements AutoCloseable {
    /** Held so the level sticks: the mock server logs every request at INFO (slow, and noise on the bench's stderr). */
    private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    private final KubernetesMockServer server;
    private final KubernetesClient client;

    private K8sMockCluster(KubernetesMockServer server, KubernetesClient client) {
        this.server = server;
        this.client = client;
    }

    public static K8sMockCluster start() {
        MOCK_LOG.setLevel(Level.WARNING);
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        KubernetesMockServer server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(), responses,
                new KubernetesMixedDispatcher(responses), false);
        server.init();
        K8sMockCluster cluster = new K8sMockCluster(server, server.createClient());
        try {
            K8sCluster.reset(server, cluster.client);
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** A client of the mock for test setup and state snapshots; closed with the cluster. */
    public KubernetesClient client() {
        return client;
    }

    /** The API server URL, e.g. {@code http://localhost:40123/}. */
    public String url() {
        return client.getConfiguration().getMasterUrl();
    }

    /** A kubeconfig in {@code dir} whose current context points here, namespace {@value K8sCluster#NS}. */
    public Path kubeconfig(Path dir) throws Exception {
        return K8sCluster.kubeconfig(client, dir);
    }

    /** Kubeconfig text for any API server URL (e.g. a dead one). */
    public static String kubeconfigFor(String url) {
        return K8sCluster.kubeconfigFor(url);
    }

    /** The log windows (seconds, lines) of the built-in runbooks' k8s.logs steps: 30m/5,000, 49h/20,000 (10m/5,000 is cut from it). */
    private static final int[][] LOG_WINDOWS = {{1800, 5000}, {49 * 3600, 20000}};

    /**
     * Adds {@code count} healthy pods of the app (same selector), and answers the log of every pod and
     * one metrics list holding all of them (the faults' special log lines give way to plain ones). Returns the app's pod count.
     */
    public int addAppPods(int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> created = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Pod pod = healthyPod(String.format("%s-s%05d", K8sCluster.APP, i));
                created.add(pool.submit(() -> client.pods().inNamespace(K8sCluster.NS).resource(pod).create()));
            }
            for (Future<?> f : created) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<Pod> pods = client.pods().inNamespace(K8sCluster.NS).withLabel("app", K8sCluster.APP).list().getItems();
        server.clearExpectations();
        String line = Instant.now().minusSeconds(5) + " Started HhplusApplication in 9.1 seconds\n";
        List<Map<String, Object>> usage = new ArrayList<>();
        String podsPath = "/api/v1/namespaces/" + K8sCluster.NS + "/pods";
        // the CRUD mock ignores limit and filters field selectors by scanning every pod (O(n) per named read):
        // answer those as an API server would, so the mock's cost does not stand in for irm's
        server.expect().get().withPath(podsPath + "?limit=1").andReturn(200, podList(pods.subList(0, 1))).always();
        for (Pod pod : pods) {
            String name = pod.getMetadata().getName();
            server.expect().get().withPath(podsPath + "?fieldSelector=metadata.name%3D" + name).andReturn(200, podList(List.of(pod))).always();
            for (int[] window : LOG_WINDOWS) {
                for (boolean previous : new boolean[] {false, true}) {
                    server.expect().get().withPath(K8sCluster.logPath(name, previous, window[0], window[1])).andReturn(200, line).always();
                }
            }
            usage.add(Map.of("metadata", Map.of("name", name, "namespace", K8sCluster.NS), "timestamp", Instant.now().toString(),
                    "window", "30s", "containers", List.of(Map.of("name", "app", "usage", Map.of("cpu", "100m", "memory", "120Mi")))));
        }
        server.expect().get().withPath("/apis/metrics.k8s.io/v1beta1/namespaces/" + K8sCluster.NS + "/pods?labelSelector=app%3D" + K8sCluster.APP)
                .andReturn(200, Map.of("kind", "PodMetricsList", "apiVersion", "metrics.k8s.io/v1beta1", "items", usage)).always();
        return pods.size();
    }

    private static PodList podList(List<Pod> items) {
        return new PodListBuilder().withNewMetadata().withResourceVersion("1").endMetadata().withItems(items).build();
    }

    private static Pod healthyPod(String name) {
        return new PodBuilder().withNewMetadata().withName(name).addToLabels("app", K8sCluster.APP).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("app:1.2").withNewResources()
                .addToLimits("memory", new Quantity("1Gi")).addToRequests("memory", new Quantity("1Gi")).endResources().endContainer().endSpec()
                .withNewStatus().withPhase("Running").withStartTime(Instant.now().minusSeconds(3600).toString())
                .addNewContainerStatus().withName("app").withReady(true).withRestartCount(0)
                .withNewState().withNewRunning().withStartedAt(Instant.now().minusSeconds(3600).toString()).endRunning().endState()
                .endContainerStatus().endStatus().build();
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
