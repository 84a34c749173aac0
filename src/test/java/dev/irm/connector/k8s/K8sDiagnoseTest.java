package dev.irm.connector.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.testing.FreePorts;
import dev.irm.testing.IrmCli;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code irm diagnose k8s} against fabric8's mock API server holding the manuals' Kubernetes faults. */
@EnableKubernetesMockClient(crud = true, https = false)
class K8sDiagnoseTest {
    private static final Duration NO_HANG = Duration.ofSeconds(20);
    static KubernetesMockServer server;
    static KubernetesClient client;
    IrmCli cli;

    @BeforeEach
    void cluster() throws Exception {
        K8sCluster.reset(server, client);
        cli = new IrmCli();
        cli.env("KUBECONFIG", K8sCluster.kubeconfig(client, cli.home()).toString());
    }

    /** Every object irm could touch, as JSON: equal before and after proves nothing changed. */
    static String snapshot(KubernetesClient client) {
        return client.apps().deployments().inNamespace(K8sCluster.NS).list().getItems().toString()
                + client.apps().replicaSets().inNamespace(K8sCluster.NS).list().getItems()
                + client.pods().inNamespace(K8sCluster.NS).list().getItems();
    }

    @Test
    void oomKilledPodsCrashLoopAndUnavailableReplicasAreFound() {
        String before = snapshot(client);
        IrmCli.Result r = cli.run("diagnose", "k8s", "-o", "json");
        assertEquals(2, r.code(), r.toString());
        JsonNode oom = r.check("k8s.app-oom-killed");
        assertEquals("CRITICAL", oom.path("status").asText(), oom.toString());
        assertEquals("app-oom", oom.path("runbook").asText());
        assertEquals("hhplus-app-a", oom.path("metrics").path("oom_names").asText());
        JsonNode restarts = r.check("k8s.app-restarts");
        assertEquals("CRITICAL", restarts.path("status").asText(), restarts.toString());
        assertEquals(7, restarts.path("metrics").path("max_restarts").asInt());
        assertEquals(1, restarts.path("metrics").path("crash_loop").asInt());
        JsonNode limit = r.check("k8s.app-memory-limit");
        assertEquals("WARNING", limit.path("status").asText(), limit.toString());
        assertEquals(256L << 20, limit.path("metrics").path("min_memory_limit").asLong());
        JsonNode memory = r.check("k8s.app-memory");
        assertEquals("CRITICAL", memory.path("status").asText(), memory.toString());
        assertEquals(93.8, memory.path("metrics").path("max_mem_pct").asDouble(), 0.05);
        JsonNode log = r.check("k8s.app-oom-log");
        assertEquals("CRITICAL", log.path("status").asText(), "the OutOfMemoryError is in the log before the restart: " + log);
        JsonNode available = r.check("k8s.app-available");
        assertEquals("WARNING", available.path("status").asText(), available.toString());
        assertEquals(2, available.path("metrics").path("unavailable").asInt());
        assertEquals("rollback", available.path("runbook").asText());
        assertTrue(r.json().path("targets").get(0).path("endpoint").asText().contains("namespace shop"), r.out());
        JsonNode seat = r.check("k8s.scheduler-seat-hold");
        assertEquals("OK", seat.path("status").asText(), "[좌석점유정리] logged 3 s ago: " + seat);
        JsonNode queue = r.check("k8s.scheduler-queue-token");
        assertEquals("CRITICAL", queue.path("status").asText(), queue.toString());
        assertEquals("queue-stall", queue.path("runbook").asText(), queue.toString());
        assertEquals(1800, queue.path("metrics").path("missing_for_s").asLong(), "missing for the whole 30 min window: " + queue);
        assertEquals(before, snapshot(client), "diagnose must not change the cluster");
    }

    @Test
    void withoutAMetricsApiTheMemoryCheckIsSkipped() {
        IrmCli.Result r = cli.run("diagnose", "k8s", "-o", "json", "--namespace", "empty");
        JsonNode memory = r.check("k8s.app-memory");
        assertEquals("SKIPPED", memory.path("status").asText(), memory.toString());
        assertEquals("SKIPPED", r.check("k8s.app-oom-killed").path("status").asText());
        assertEquals(0, r.code(), r.toString());
    }

    @Test
    void deadApiServersAreCriticalQuickly() throws Exception {
        IrmCli refused = new IrmCli();
        int port = FreePorts.next();
        Path file = refused.home().resolve("kubeconfig");
        Files.writeString(file, K8sCluster.kubeconfigFor("http://127.0.0.1:" + port));
        IrmCli.Result r = assertTimeoutPreemptively(NO_HANG, () -> refused.env("KUBECONFIG", file.toString()).run("diagnose", "k8s", "-o", "json"));
        assertEquals(2, r.code(), r.toString());
        JsonNode reachable = r.check("k8s.reachable");
        assertEquals("CRITICAL", reachable.path("status").asText());
        assertTrue(reachable.path("summary").asText().contains("connection refused"), reachable.toString());
        assertEquals("", r.err());

        try (FreePorts.BlackHole hole = FreePorts.blackHolePort()) {
            IrmCli silent = new IrmCli();
            Path silentFile = silent.home().resolve("kubeconfig");
            Files.writeString(silentFile, K8sCluster.kubeconfigFor("http://" + hole.address()));
            IrmCli.Result t = assertTimeoutPreemptively(NO_HANG, () -> silent.env("KUBECONFIG", silentFile.toString())
                    .run("diagnose", "k8s", "-o", "json"));
            assertEquals(2, t.code(), t.toString());
            assertTrue(t.check("k8s.reachable").path("summary").asText().contains("timeout"), t.out());
        }

        IrmCli none = new IrmCli().env("KUBECONFIG", none().toString());
        IrmCli.Result n = none.run("diagnose", "k8s", "-o", "json");
        assertTrue(n.check("k8s.reachable").path("summary").asText().contains("no kubeconfig"), n.out());
    }

    private static Path none() throws Exception {
        return Files.createTempDirectory("irm-no-kube").resolve("missing-config");
    }

    @Test
    void theTokenInTheKubeconfigIsNeverShown() {
        IrmCli.Result r = cli.run("diagnose", "k8s", "-o", "json", "--kube-context", "mock");
        assertFalse(r.out().contains("not-a-secret") || r.err().contains("not-a-secret"), r.out());
        assertEquals("OK", r.check("k8s.reachable").path("status").asText(), r.out());
    }
}
