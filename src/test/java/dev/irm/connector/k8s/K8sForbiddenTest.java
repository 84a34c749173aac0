package dev.irm.connector.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.testing.IrmCli;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 item 8 for Kubernetes, on fabric8's mock API server (the stand-in for a cluster, as in
 * the other k8s tests): a Role without pods answers 403 to every pod request. The cluster is not
 * "unreachable"; the pod checks are UNKNOWN quoting what was forbidden and the deployment checks go on.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class K8sForbiddenTest {
    static KubernetesMockServer server;
    static KubernetesClient client;

    @Test
    void forbiddenPodsAreAnUnknownNamingThemNotAnUnreachableCluster() throws Exception {
        K8sCluster.reset(server, client);
        Status forbidden = new StatusBuilder().withStatus("Failure").withReason("Forbidden").withCode(403)
                .withMessage("pods is forbidden: User \"irm\" cannot list resource \"pods\" in API group \"\" in the namespace \"shop\"").build();
        String pods = "/api/v1/namespaces/" + K8sCluster.NS + "/pods";
        server.expect().get().withPath(pods + "?limit=1").andReturn(403, forbidden).always();
        server.expect().get().withPath(pods).andReturn(403, forbidden).always();
        IrmCli cli = new IrmCli();
        cli.env("KUBECONFIG", K8sCluster.kubeconfig(client, cli.home()).toString());
        cli.env("DOCKER_HOST", "unix://" + cli.home().resolve("no-docker.sock"));
        IrmCli.Result r = cli.run("diagnose", "k8s", "-o", "json");
        JsonNode checks = r.json().path("targets").get(0).path("checks");
        boolean sawPods = false;
        boolean sawOther = false;
        for (JsonNode c : checks) {
            String id = c.path("id").asText();
            assertFalse(id.equals("k8s.reachable") && c.path("status").asText().equals("CRITICAL"), r.out());
            if (c.path("status").asText().equals("UNKNOWN")) {
                assertTrue(c.path("summary").asText().startsWith("permission missing: pods is forbidden: User \"irm\" cannot list resource "
                        + "\"pods\""), c.toString());
                assertTrue(c.path("summary").asText().endsWith("(HTTP 403; the Role needs get/list/watch on it, see docs/PERMISSIONS.md)"), c.toString());
                sawPods = true;
            } else if (!c.path("status").asText().equals("SKIPPED")) {
                sawOther = true;
            }
        }
        assertTrue(sawPods && sawOther, r.out());
        assertEquals("", r.err());
    }
}
