package dev.irm.connector.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.connector.Args;
import dev.irm.connector.Connector;
import dev.irm.connector.TargetSettings;
import dev.irm.testing.IrmCli;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One pod list per command, and {@code irm diagnose k8s} at 2,000 pods still answers every check. */
@EnableKubernetesMockClient(crud = true, https = false)
class K8sScaleTest {
    private static final String PODS = "/api/v1/namespaces/" + K8sCluster.NS + "/pods";
    static KubernetesMockServer server;
    static KubernetesClient client;

    @Test
    void oneDiagnoseListsThePodsOnceAndReusesTheLogs() throws Exception {
        K8sCluster.reset(server, client);
        IrmCli cli = new IrmCli();
        cli.env("KUBECONFIG", K8sCluster.kubeconfig(client, cli.home()).toString());
        drain();
        IrmCli.Result r = assertTimeoutPreemptively(Duration.ofSeconds(90), () -> cli.run("diagnose", "k8s", "-o", "json"));
        assertEquals(2, r.code(), r.toString());
        List<String> paths = drain();
        List<String> podLists = paths.stream().filter(p -> p.equals(PODS) || p.startsWith(PODS + "?") && !p.contains("limit=1")).toList();
        assertEquals(1, podLists.size(), "pod lists: " + podLists);
        // fabric8's getLog() would list each pod by name (and watch it) before reading its log: logs are read directly
        assertEquals(List.of(), paths.stream().filter(p -> p.contains("fieldSelector=metadata.name") || p.contains("watch=true")).toList());
        String seatLog = K8sCluster.logPath("hhplus-app-c", false);
        assertEquals(1, paths.stream().filter(seatLog::equals).count(), "five scheduler steps read the same log window once: " + paths);
        assertEquals(1, paths.stream().filter(p -> p.startsWith("/apis/apps/v1/namespaces/" + K8sCluster.NS + "/deployments")
                && !p.contains("/deployments/")).count(), paths.toString());
        JsonNode seat = r.check("k8s.scheduler-seat-hold");
        assertEquals("OK", seat.path("status").asText(), seat.toString());
    }

    @Test
    void twoThousandPodsGiveNoUnknownCheck() throws Exception {
        try (K8sMockCluster cluster = K8sMockCluster.start()) {
            int pods = cluster.addAppPods(2000);
            IrmCli cli = new IrmCli();
            cli.env("KUBECONFIG", cluster.kubeconfig(cli.home()).toString());
            IrmCli.Result r = assertTimeoutPreemptively(Duration.ofSeconds(90), () -> cli.run("diagnose", "k8s", "-o", "json"));
            assertEquals(2, r.code(), r.toString());
            List<String> unknown = new ArrayList<>();
            for (JsonNode target : r.json().path("targets")) {
                for (JsonNode check : target.path("checks")) {
                    if ("UNKNOWN".equals(check.path("status").asText())) {
                        unknown.add(check.toString());
                    }
                }
            }
            assertEquals(List.of(), unknown);
            assertEquals("CRITICAL", r.check("k8s.app-oom-killed").path("status").asText());
            try (Connector k8s = new K8sConnectorFactory().open(new TargetSettings("k8s",
                    Map.of("kubeconfig", cluster.kubeconfig(cli.home()).toString()), Duration.ofSeconds(1)))) {
                Map<String, Object> m = k8s.read("logs", Args.of("selector", "app=" + K8sCluster.APP, "keyword", "Started")).metrics();
                assertEquals((long) K8sReads.MAX_LOG_PODS, m.get("pods_read"), m.toString());
                assertEquals((long) pods, m.get("pods_total"), m.toString());
                assertEquals(true, m.get("capped"), m.toString());
            }
        }
    }

    private static List<String> drain() throws InterruptedException {
        List<String> paths = new ArrayList<>();
        for (RecordedRequest q = server.takeRequest(200, TimeUnit.MILLISECONDS); q != null; q = server.takeRequest(200, TimeUnit.MILLISECONDS)) {
            paths.add(q.getPath());
        }
        return paths;
    }
}
