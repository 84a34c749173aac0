package dev.irm.connector.k8s;

import static dev.irm.testing.RunJson.mitigation;
import static dev.irm.testing.RunJson.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.testing.IrmCli;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code irm run rollback} and the Kubernetes mitigations of {@code app-oom}: previews, dry runs, refusals and consented changes. */
@EnableKubernetesMockClient(crud = true, https = false)
class K8sRunbookTest {
    static KubernetesMockServer server;
    static KubernetesClient client;
    IrmCli cli;

    @BeforeEach
    void cluster() throws Exception {
        K8sCluster.reset(server, client);
        cli = new IrmCli();
        cli.env("KUBECONFIG", K8sCluster.kubeconfig(client, cli.home()).toString());
        cli.env("DOCKER_HOST", "unix://" + cli.home().resolve("no-docker.sock"));
    }

    private Deployment app() {
        return client.apps().deployments().inNamespace(K8sCluster.NS).withName(K8sCluster.APP).get();
    }

    private String image() {
        return app().getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    @Test
    void rollbackDryRunAndHighRiskRefusalChangeNothing() {
        String before = K8sDiagnoseTest.snapshot(client);
        IrmCli.Result dry = cli.run("run", "rollback", "--dry-run", "-o", "json");
        JsonNode undo = mitigation(dry, "undo");
        assertEquals("DRY_RUN", undo.path("decision").asText(), dry.out());
        assertTrue(undo.path("command").asText().startsWith("kubectl rollout undo deployment/hhplus-app --to-revision=2 -n shop"), undo.toString());
        assertTrue(undo.path("blastRadius").asText().contains("revision 3 (app:1.2) → pod template of revision 2 (app:1.1)"), undo.toString());
        assertEquals(3, undo.path("affected").asInt());
        JsonNode recent = step(dry, "history").path("checks").get(0);
        assertEquals("WARNING", recent.path("status").asText(), "revision 3 is 5 minutes old: " + recent);

        IrmCli.Result refused = cli.run("run", "rollback", "--yes", "-o", "json");
        assertEquals(4, refused.code(), refused.toString());
        assertTrue(mitigation(refused, "undo").path("message").asText().contains("--confirm hhplus-app"), refused.out());
        assertEquals(before, K8sDiagnoseTest.snapshot(client));
    }

    @Test
    void confirmedRollbackGoesToThePreviousOrTheChosenRevision() {
        IrmCli.Result done = cli.run("run", "rollback", "--yes", "--confirm", "hhplus-app", "-o", "json");
        JsonNode undo = mitigation(done, "undo");
        assertEquals("EXECUTED", undo.path("decision").asText(), done.out());
        assertEquals("app:1.1", image());
        assertFalse(app().getSpec().getTemplate().getMetadata().getLabels().containsKey("pod-template-hash"));
        assertEquals(2, undo.path("result").path("to_revision").asInt());

        K8sCluster.reset(server, client);
        IrmCli.Result chosen = cli.run("run", "rollback", "--yes", "--confirm", "hhplus-app", "--set", "to_revision=1", "-o", "json");
        assertEquals("EXECUTED", mitigation(chosen, "undo").path("decision").asText(), chosen.out());
        assertEquals("app:1.0", image());
    }

    @Test
    void appOomOnKubernetesPreviewsThenRaisesMemoryScalesAndRestarts() {
        String before = K8sDiagnoseTest.snapshot(client);
        IrmCli.Result dry = cli.run("run", "app-oom", "--dry-run", "-o", "json");
        assertEquals(2, dry.code(), dry.toString());
        JsonNode resources = mitigation(dry, "k8s_set_resources");
        assertEquals("DRY_RUN", resources.path("decision").asText());
        assertTrue(resources.path("blastRadius").asText().contains("app limits.memory 256Mi → 4Gi, app requests.memory 256Mi → 2Gi"),
                resources.toString());
        assertTrue(resources.path("command").asText().contains("--limits=memory=4Gi --requests=memory=2Gi"), resources.toString());
        assertTrue(mitigation(dry, "k8s_scale").path("blastRadius").asText().contains("replicas 3 → 5"), dry.out());
        JsonNode dockerRestart = mitigation(dry, "docker_restart");
        assertEquals("SKIPPED", dockerRestart.path("decision").asText(), "docker is not there: " + dockerRestart);
        assertTrue(dockerRestart.path("message").asText().contains("docker unreachable"), dockerRestart.toString());
        assertTrue(dry.out().contains("docker.reachable"), "the platform that is not there is a finding: " + dry.out());
        assertEquals(before, K8sDiagnoseTest.snapshot(client));
        IrmCli.Result k8sOnly = cli.run("run", "app-oom", "--dry-run", "--set", "platform=k8s", "-o", "json");
        assertFalse(k8sOnly.out().contains("docker.reachable"), "platform=k8s leaves Docker out: " + k8sOnly.out());
        assertEquals("SKIPPED", step(k8sOnly, "docker_containers").path("status").asText());

        IrmCli.Result done = cli.run("run", "app-oom", "--yes", "--set", "platform=k8s", "-o", "json");
        assertEquals("EXECUTED", mitigation(done, "k8s_set_resources").path("decision").asText(), done.out());
        assertEquals("EXECUTED", mitigation(done, "k8s_scale").path("decision").asText(), done.out());
        assertEquals("EXECUTED", mitigation(done, "k8s_restart").path("decision").asText(), done.out());
        Deployment app = app();
        var limits = app.getSpec().getTemplate().getSpec().getContainers().get(0).getResources();
        assertEquals("4Gi", limits.getLimits().get("memory").toString());
        assertEquals("2Gi", limits.getRequests().get("memory").toString());
        assertEquals(5, app.getSpec().getReplicas());
        assertTrue(app.getSpec().getTemplate().getMetadata().getAnnotations().containsKey("kubectl.kubernetes.io/restartedAt"));
    }

    @Test
    void unknownOutageWritesTheNamespaceEvidence() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("irm-k8s-evidence");
        IrmCli.Result r = cli.run("run", "unknown-outage", "--set", "evidence_dir=" + dir, "--set", "platform=k8s", "-o", "json");
        assertEquals(2, r.code(), r.out());
        assertEquals("CRITICAL", step(r, "k8s_pods").path("checks").get(0).path("status").asText(), "a pod in CrashLoopBackOff");
        assertEquals("WARNING", step(r, "k8s_deployments").path("checks").get(0).path("status").asText(), "hhplus-app 1 of 3");
        assertEquals("WARNING", step(r, "k8s_events").path("checks").get(0).path("status").asText(), "BackOff events");
        JsonNode evidence = step(r, "k8s_evidence").path("metrics");
        java.nio.file.Path bundle = java.nio.file.Path.of(evidence.path("dir").asText());
        assertTrue(bundle.startsWith(dir), evidence.toString());
        assertTrue(java.nio.file.Files.readString(bundle.resolve("pods.json")).contains("hhplus-app-a"));
        assertTrue(java.nio.file.Files.readString(bundle.resolve("events.json")).contains("BackOff"));
        assertTrue(java.nio.file.Files.exists(bundle.resolve("logs/hhplus-app-a.log")));
    }
}
