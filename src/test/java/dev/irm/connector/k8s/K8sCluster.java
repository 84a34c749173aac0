package dev.irm.connector.k8s;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * The manuals' Kubernetes faults on fabric8's mock API server (CRUD mode): {@code hhplus-app} with 1 of 3
 * replicas available and three revisions, a pod whose last state is OOMKilled, one in CrashLoopBackOff,
 * 256Mi limits; logs and metrics.k8s.io answered by expectations (CRUD mode cannot serve them).
 */
public final class K8sCluster {
    public static final String NS = "shop";
    static final String APP = "hhplus-app";

    private K8sCluster() {
    }

    public static void reset(KubernetesMockServer server, KubernetesClient client) {
        // expectations pile up across resets and the oldest match wins: drop the last reset's logs and metrics
        server.clearExpectations();
        client.apps().deployments().inNamespace(NS).delete();
        client.apps().replicaSets().inNamespace(NS).delete();
        client.pods().inNamespace(NS).delete();
        client.v1().events().inNamespace(NS).delete();
        Instant now = Instant.now();
        client.apps().deployments().inNamespace(NS).resource(deployment("app:1.2", "3")).create();
        for (int rev = 1; rev <= 3; rev++) {
            client.apps().replicaSets().inNamespace(NS).resource(new ReplicaSetBuilder()
                    .withNewMetadata().withName(APP + "-rs" + rev).addToAnnotations(K8sReads.REVISION, String.valueOf(rev))
                    .withCreationTimestamp(now.minusSeconds(rev == 3 ? 300 : 86_400L * (4 - rev)).toString())
                    .addNewOwnerReference().withKind("Deployment").withName(APP).withApiVersion("apps/v1").withUid("uid-app").endOwnerReference()
                    .endMetadata()
                    .withNewSpec().withReplicas(rev == 3 ? 3 : 0).withNewSelector().addToMatchLabels("app", APP).endSelector()
                    .withNewTemplate().withNewMetadata().addToLabels("app", APP).addToLabels("pod-template-hash", "h" + rev).endMetadata()
                    .withNewSpec().addNewContainer().withName("app").withImage("app:1." + (rev - 1)).endContainer().endSpec().endTemplate()
                    .endSpec().build()).create();
        }
        client.pods().inNamespace(NS).resource(pod("hhplus-app-a", 4, "OOMKilled", null)).create();
        client.pods().inNamespace(NS).resource(pod("hhplus-app-b", 7, "Error", "CrashLoopBackOff")).create();
        client.pods().inNamespace(NS).resource(pod("hhplus-app-c", 0, null, null)).create();
        client.v1().events().inNamespace(NS).resource(new EventBuilder().withNewMetadata().withName("ev1").endMetadata()
                .withType("Warning").withReason("BackOff").withMessage("Back-off restarting failed container app")
                .withCount(12).withLastTimestamp(now.minusSeconds(30).toString())
                .withNewInvolvedObject().withKind("Pod").withName("hhplus-app-b").endInvolvedObject().build()).create();
        String oomLine = now.minusSeconds(90) + " java.lang.OutOfMemoryError: Java heap space\n";
        String plain = now.minusSeconds(5) + " Started HhplusApplication in 9.1 seconds\n";
        server.expect().get().withPath(logPath("hhplus-app-a", false)).andReturn(200, plain).always();
        server.expect().get().withPath(logPath("hhplus-app-a", true)).andReturn(200, oomLine).always();
        server.expect().get().withPath(logPath("hhplus-app-b", false)).andReturn(200, plain).always();
        server.expect().get().withPath(logPath("hhplus-app-b", true)).andReturn(200, plain).always();
        String seat = now.minusSeconds(3) + " [좌석점유정리] released 2 expired seat holds\n";
        server.expect().get().withPath(logPath("hhplus-app-c", false)).andReturn(200, plain + seat).always();
        server.expect().get().withPath("/apis/metrics.k8s.io/v1beta1/namespaces/" + NS + "/pods?labelSelector=app%3D" + APP)
                .andReturn(200, Map.of("kind", "PodMetricsList", "apiVersion", "metrics.k8s.io/v1beta1", "items", java.util.List.of(
                        metrics("hhplus-app-a", "240Mi"), metrics("hhplus-app-b", "100Mi"), metrics("hhplus-app-c", "120Mi")))).always();
    }

    static String logPath(String pod, boolean previous) {
        return logPath(pod, previous, 1800, 5000);
    }

    static String logPath(String pod, boolean previous, int sinceSeconds, int tailLines) {
        return "/api/v1/namespaces/" + NS + "/pods/" + pod + "/log?pretty=false&container=app" + (previous ? "&previous=true" : "")
                + "&sinceSeconds=" + sinceSeconds + "&tailLines=" + tailLines + "&timestamps=true";
    }

    private static Map<String, Object> metrics(String pod, String memory) {
        return Map.of("metadata", Map.of("name", pod, "namespace", NS), "timestamp", Instant.now().toString(), "window", "30s",
                "containers", java.util.List.of(Map.of("name", "app", "usage", Map.of("cpu", "250m", "memory", memory))));
    }

    static Deployment deployment(String image, String revision) {
        return new DeploymentBuilder().withNewMetadata().withName(APP).withUid("uid-app").addToAnnotations(K8sReads.REVISION, revision)
                .addToLabels("app", APP).endMetadata()
                .withNewSpec().withReplicas(3).withNewSelector().addToMatchLabels("app", APP).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", APP).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage(image).withNewResources()
                .addToLimits("memory", new Quantity("256Mi")).addToRequests("memory", new Quantity("256Mi")).endResources()
                .endContainer().endSpec().endTemplate().endSpec()
                .withNewStatus().withReplicas(3).withReadyReplicas(1).withAvailableReplicas(1).withUpdatedReplicas(3).endStatus().build();
    }

    private static Pod pod(String name, int restarts, String lastReason, String waiting) {
        ContainerStatusBuilder status = new ContainerStatusBuilder().withName("app").withRestartCount(restarts).withReady(waiting == null);
        if (lastReason != null) {
            status.withNewLastState().withNewTerminated().withReason(lastReason).withExitCode("OOMKilled".equals(lastReason) ? 137 : 1)
                    .endTerminated().endLastState();
        }
        if (waiting != null) {
            status.withNewState().withNewWaiting().withReason(waiting).endWaiting().endState();
        } else {
            status.withNewState().withNewRunning().withStartedAt(Instant.now().minusSeconds(60).toString()).endRunning().endState();
        }
        return new PodBuilder().withNewMetadata().withName(name).addToLabels("app", APP).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("app:1.2").withNewResources()
                .addToLimits("memory", new Quantity("256Mi")).addToRequests("memory", new Quantity("256Mi")).endResources().endContainer().endSpec()
                .withNewStatus().withPhase("Running").withStartTime(Instant.now().minusSeconds(3600).toString())
                .addToContainerStatuses(status.build()).endStatus().build();
    }

    /** A kubeconfig whose current context points at the mock server, namespace {@value #NS}. */
    public static Path kubeconfig(KubernetesClient client, Path dir) throws Exception {
        Path file = dir.resolve("kubeconfig");
        Files.writeString(file, kubeconfigFor(client.getConfiguration().getMasterUrl()));
        return file;
    }

    static String kubeconfigFor(String url) {
        return "apiVersion: v1\nkind: Config\nclusters:\n- name: mock\n  cluster: {server: \"" + url + "\"}\n"
                + "users:\n- name: tester\n  user: {token: not-a-secret}\n"
                + "contexts:\n- name: mock\n  context: {cluster: mock, user: tester, namespace: " + NS + "}\n"
                + "- name: other\n  context: {cluster: mock, user: tester}\ncurrent-context: mock\n";
    }
}
