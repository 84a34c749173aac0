package dev.irm.connector.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.irm.connector.Args;
import dev.irm.connector.Connector;
import dev.irm.connector.TargetSettings;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pod facts one command works out once are still picked by each step's own selector: a healthy app beside an
 * OOM-killed one in the same namespace (names and sizes of this test's own choosing) is judged healthy, the other
 * not, whichever a step asks first. On fabric8's mock API server (no real one here).
 */
@EnableKubernetesMockClient(crud = true, https = false)
class K8sPodFactsTest {
    private static final String NS = "ledger-ns";
    static KubernetesMockServer server;
    static KubernetesClient client;

    @Test
    void eachSelectorJudgesOnlyItsPodsFromTheSharedFacts(@TempDir Path dir) throws Exception {
        client.pods().inNamespace(NS).delete();
        for (int i = 0; i < 5; i++) {
            client.pods().inNamespace(NS).resource(pod("ledger-api-" + i, "ledger-api", "768Mi", 0, null)).create();
        }
        client.pods().inNamespace(NS).resource(pod("nightly-export-0", "nightly-export", "192Mi", 3, "OOMKilled")).create();
        client.pods().inNamespace(NS).resource(pod("nightly-export-1", "nightly-export", "192Mi", 0, null)).create();
        Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), K8sCluster.kubeconfigFor(client.getConfiguration().getMasterUrl()));
        try (Connector k8s = new K8sConnectorFactory().open(new TargetSettings("k8s",
                Map.of("kubeconfig", kubeconfig.toString(), "namespace", NS), Duration.ofSeconds(2)))) {
            Map<String, Object> export = k8s.read("pods", Args.of("selector", "app=nightly-export")).metrics();
            Map<String, Object> api = k8s.read("pods", Args.of("selector", "app=ledger-api")).metrics();
            Map<String, Object> all = k8s.read("pods", Args.of()).metrics();

            assertEquals(2L, export.get("count"), export.toString());
            assertEquals(1L, export.get("oom_killed"), export.toString());
            assertEquals("nightly-export-0", export.get("oom_names"), export.toString());
            assertEquals(3L, export.get("restarts_total"), export.toString());
            assertEquals(192L * 1024 * 1024, export.get("min_memory_limit"), export.toString());

            assertEquals(5L, api.get("count"), api.toString());
            assertEquals(0L, api.get("oom_killed"), api.toString());
            assertEquals(0L, api.get("restarts_total"), api.toString());
            assertEquals(0L, api.get("not_ready"), api.toString());
            assertEquals(768L * 1024 * 1024, api.get("min_memory_limit"), api.toString());

            assertEquals(7L, all.get("count"), all.toString());
            assertEquals(1L, all.get("oom_killed"), all.toString());
        }
    }

    private static Pod pod(String name, String app, String memory, int restarts, String lastReason) {
        PodBuilder pod = new PodBuilder().withNewMetadata().withName(name).addToLabels("app", app).endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage(app + ":7").withNewResources()
                .addToLimits("memory", new Quantity(memory)).addToRequests("memory", new Quantity(memory)).endResources().endContainer()
                .endSpec();
        var status = new io.fabric8.kubernetes.api.model.ContainerStatusBuilder().withName("main").withReady(true).withRestartCount(restarts)
                .withNewState().withNewRunning().withStartedAt(Instant.now().minusSeconds(600).toString()).endRunning().endState();
        if (lastReason != null) {
            status.withNewLastState().withNewTerminated().withReason(lastReason).withExitCode(137).endTerminated().endLastState();
        }
        return pod.withNewStatus().withPhase("Running").withStartTime(Instant.now().minusSeconds(3600).toString())
                .addToContainerStatuses(status.build()).endStatus().build();
    }
}
