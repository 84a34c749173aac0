package dev.irm.connector.k8s;

import static dev.irm.testing.RunJson.mitigation;
import static dev.irm.testing.RunJson.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.testing.IrmCli;
import dev.irm.testing.RedisServer;
import dev.irm.testing.SpringAppServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Kubernetes mitigations wired into traffic-spike (scale out and back in) and db-pool-exhaustion (rollout restart). */
@EnableKubernetesMockClient(crud = true, https = false)
class K8sWiringTest {
    private static final String NO_REDIS = "redis://127.0.0.1:1";
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

    private int replicas() {
        return client.apps().deployments().inNamespace(K8sCluster.NS).withName(K8sCluster.APP).get().getSpec().getReplicas();
    }

    private IrmCli.Result trafficSpike(SpringAppServer app, String redisUrl, String... more) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("run", "traffic-spike", "-o", "json", "--set", "platform=k8s",
                "--app", app.url(), "--prometheus", app.url(), "--redis", redisUrl));
        args.addAll(java.util.List.of(more));
        return cli.run(args.toArray(String[]::new));
    }

    @Test
    void saturatedCpuScalesTheDeploymentOutAfterAPreview() {
        try (SpringAppServer app = SpringAppServer.start()) {
            app.prometheus("process_cpu_usage", "0.95");
            String before = K8sDiagnoseTest.snapshot(client);
            IrmCli.Result dry = trafficSpike(app, NO_REDIS, "--dry-run");
            assertEquals(2, dry.code(), dry.toString());
            JsonNode out = mitigation(dry, "k8s_scale_out");
            assertEquals("DRY_RUN", out.path("decision").asText(), dry.out());
            assertTrue(out.path("blastRadius").asText().contains("replicas 3 → 5"), out.toString());
            assertTrue(step(dry, "scale_out").path("message").asText().startsWith("condition not met"), "platform=k8s: no compose step");
            assertTrue(step(dry, "k8s_scale_in").path("message").asText().startsWith("condition not met"), "no scale-in during a spike");
            assertEquals(before, K8sDiagnoseTest.snapshot(client), "a dry run changes nothing");

            IrmCli.Result refused = trafficSpike(app, NO_REDIS);
            assertEquals("REFUSED", mitigation(refused, "k8s_scale_out").path("decision").asText(), refused.out());
            assertEquals(3, replicas());

            IrmCli.Result done = trafficSpike(app, NO_REDIS, "--yes");
            assertEquals("EXECUTED", mitigation(done, "k8s_scale_out").path("decision").asText(), done.out());
            assertEquals(5, replicas());
        }
    }

    @Test
    void aCalmAppIsScaledBackIn() throws Exception {
        try (SpringAppServer app = SpringAppServer.start(); RedisServer redis = RedisServer.start()) {
            app.prometheus("process_cpu_usage", "0.2");
            IrmCli.Result unknownQueue = trafficSpike(app, NO_REDIS, "--yes");
            assertTrue(step(unknownQueue, "k8s_scale_in").path("message").asText().startsWith("condition not met"),
                    "an unreadable queue is no reason to scale in: " + unknownQueue.out());
            assertEquals(3, replicas());

            IrmCli.Result done = trafficSpike(app, redis.url(), "--yes", "--set", "scale_in_replicas=2");
            assertTrue(step(done, "k8s_scale_out").path("message").asText().startsWith("condition not met"), done.out());
            JsonNode in = mitigation(done, "k8s_scale_in");
            assertEquals("EXECUTED", in.path("decision").asText(), done.out());
            assertTrue(in.path("blastRadius").asText().contains("replicas 3 → 2"), in.toString());
            assertEquals(2, replicas());
        }
    }

    @Test
    void podsThatNeverLogTheQueueSchedulerAreCriticalAndTheDeploymentIsRestarted() throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            String before = K8sDiagnoseTest.snapshot(client);
            IrmCli.Result dry = cli.run("run", "queue-stall", "--dry-run", "-o", "json", "--set", "platform=k8s", "--redis", redis.url());
            assertEquals(2, dry.code(), dry.toString());
            JsonNode heartbeat = step(dry, "k8s_scheduler_heartbeat").path("checks").get(0);
            assertEquals("k8s.queue-scheduler-heartbeat", heartbeat.path("id").asText());
            assertEquals("CRITICAL", heartbeat.path("status").asText(), heartbeat.toString());
            assertEquals("queue-stall", heartbeat.path("runbook").asText());
            assertEquals(0, heartbeat.path("metrics").path("matches").asInt(), heartbeat.toString());
            JsonNode restart = mitigation(dry, "k8s_restart_app");
            assertEquals("DRY_RUN", restart.path("decision").asText(), restart.toString());
            assertTrue(restart.path("command").asText().contains("rollout restart deployment/hhplus-app"), restart.toString());
            assertEquals(before, K8sDiagnoseTest.snapshot(client), "a dry run changes nothing");

            IrmCli.Result done = cli.run("run", "queue-stall", "--yes", "-o", "json", "--set", "platform=k8s", "--redis", redis.url());
            assertEquals("EXECUTED", mitigation(done, "k8s_restart_app").path("decision").asText(), done.out());
            assertTrue(client.apps().deployments().inNamespace(K8sCluster.NS).withName(K8sCluster.APP).get()
                    .getSpec().getTemplate().getMetadata().getAnnotations().containsKey("kubectl.kubernetes.io/restartedAt"));
        }
    }
}
