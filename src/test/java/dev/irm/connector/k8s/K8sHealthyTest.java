package dev.irm.connector.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.testing.IrmCli;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A healthy cluster gives nothing at WARNING or above: every replica available, no restarts, 1 GiB limits, every
 * scheduler logging on time, no warning event. Names of this test's own choosing (app {@value #APP} in
 * {@value #NS}, picked through the context's variables). On fabric8's mock API server (no real one here).
 */
@EnableKubernetesMockClient(crud = true, https = false)
class K8sHealthyTest {
    private static final String NS = "ledger-ns";
    private static final String APP = "ledger-api";
    private static final int PODS = 4;
    private static final List<String> SCHEDULER_LINES = List.of("[좌석점유정리] released 0 expired seat holds", "[큐토큰정리] expired 0 tokens",
            "[예약정리] cleared 0 reservations", "결제 타임아웃 처리 0건", "[스케줄러상태] all schedulers alive", "[일일정리] archived 0 rows");
    static KubernetesMockServer server;
    static KubernetesClient client;

    @Test
    void aHealthyClusterHasNothingAtWarningOrAbove() throws Exception {
        client.apps().deployments().inNamespace(NS).resource(new DeploymentBuilder()
                .withNewMetadata().withName(APP).addToLabels("app", APP).endMetadata()
                .withNewSpec().withReplicas(PODS).withNewSelector().addToMatchLabels("app", APP).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", APP).endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage(APP + ":3").endContainer().endSpec().endTemplate().endSpec()
                .withNewStatus().withReplicas(PODS).withReadyReplicas(PODS).withAvailableReplicas(PODS).withUpdatedReplicas(PODS).endStatus()
                .build()).create();
        List<Map<String, Object>> usage = new ArrayList<>();
        String log = logWithEverySchedulerJustNow();
        for (int i = 0; i < PODS; i++) {
            String name = APP + "-" + i;
            client.pods().inNamespace(NS).resource(pod(name)).create();
            for (int[] window : new int[][] {{1800, 5000}, {49 * 3600, 20000}}) {
                server.expect().get().withPath("/api/v1/namespaces/" + NS + "/pods/" + name + "/log?pretty=false&container=main&sinceSeconds="
                        + window[0] + "&tailLines=" + window[1] + "&timestamps=true").andReturn(200, log).always();
            }
            usage.add(Map.of("metadata", Map.of("name", name, "namespace", NS), "timestamp", Instant.now().toString(), "window", "30s",
                    "containers", List.of(Map.of("name", "main", "usage", Map.of("cpu", "80m", "memory", "200Mi")))));
        }
        server.expect().get().withPath("/apis/metrics.k8s.io/v1beta1/namespaces/" + NS + "/pods?labelSelector=app%3D" + APP)
                .andReturn(200, Map.of("kind", "PodMetricsList", "apiVersion", "metrics.k8s.io/v1beta1", "items", usage)).always();

        IrmCli cli = new IrmCli();
        Path kubeconfig = Files.writeString(cli.home().resolve("kubeconfig"), K8sCluster.kubeconfigFor(client.getConfiguration().getMasterUrl()));
        Path config = Files.writeString(cli.home().resolve("healthy.yaml"), "currentContext: healthy\ncontexts:\n  healthy:\n"
                + "    k8s: {namespace: " + NS + "}\n    variables: {app_selector: \"app=" + APP + "\", app_deployment: \"" + APP + "\"}\n");
        cli.env("KUBECONFIG", kubeconfig.toString());
        IrmCli.Result r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> cli.run("--config", config.toString(), "diagnose", "k8s", "-o", "json"));

        List<String> raised = new ArrayList<>();
        int judged = 0;
        for (JsonNode check : r.json().path("targets").path(0).path("checks")) {
            judged++;
            String status = check.path("status").asText();
            if (!status.equals("OK") && !status.equals("SKIPPED")) {
                raised.add(check.toString());
            }
        }
        assertEquals(List.of(), raised, r.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(judged >= 10, "the k8s checks ran: " + r);
        JsonNode restarts = r.check("k8s.app-restarts");
        assertTrue(restarts.path("summary").asText().contains("across " + PODS + " pod(s)"), "the app's own pods were judged: " + restarts);
        assertEquals("OK", r.check("k8s.scheduler-seat-hold").path("status").asText());
    }

    private static String logWithEverySchedulerJustNow() {
        StringBuilder log = new StringBuilder(Instant.now().minusSeconds(600) + " Started LedgerApplication in 7.4 seconds\n");
        for (String line : SCHEDULER_LINES) {
            log.append(Instant.now().minusSeconds(2)).append(' ').append(line).append('\n');
        }
        return log.toString();
    }

    private static Pod pod(String name) {
        return new PodBuilder().withNewMetadata().withName(name).addToLabels("app", APP).endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage(APP + ":3").withNewResources()
                .addToLimits("memory", new Quantity("1Gi")).addToRequests("memory", new Quantity("1Gi")).endResources().endContainer().endSpec()
                .withNewStatus().withPhase("Running").withStartTime(Instant.now().minusSeconds(3600).toString())
                .addNewContainerStatus().withName("main").withReady(true).withRestartCount(0)
                .withNewState().withNewRunning().withStartedAt(Instant.now().minusSeconds(3600).toString()).endRunning().endState()
                .endContainerStatus().endStatus().build();
    }
}
