package dev.irm.connector.k8s;

import dev.irm.connector.TrainingPeer;
import dev.irm.support.LoopbackServer;
import dev.irm.support.LoopbackServer.Reply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * The training run's API server ({@link TrainingPeer}) over plain HTTP, with a kubeconfig for it: one running
 * pod of a deployment, the container restarted once after an OOM kill (so the status fields are read), a
 * deployment, a replica set, an event and a log line; an empty list for anything else.
 */
final class K8sTrainingPeer implements TrainingPeer {
    private static final String POD = "{\"metadata\":{\"name\":\"app-7d4b9c-x1\",\"namespace\":\"default\",\"labels\":{\"app\":\"app\"},"
            + "\"ownerReferences\":[{\"apiVersion\":\"apps/v1\",\"kind\":\"ReplicaSet\",\"name\":\"app-7d4b9c\",\"uid\":\"u1\"}],"
            + "\"creationTimestamp\":\"2026-01-01T00:00:00Z\"},"
            + "\"spec\":{\"nodeName\":\"node-1\",\"containers\":[{\"name\":\"app\",\"image\":\"app:1\",\"resources\":{\"limits\":{\"memory\":\"512Mi\","
            + "\"cpu\":\"1\"},\"requests\":{\"memory\":\"256Mi\",\"cpu\":\"500m\"}}}]},"
            + "\"status\":{\"phase\":\"Running\",\"startTime\":\"2026-01-01T00:00:00Z\",\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}],"
            + "\"containerStatuses\":[{\"name\":\"app\",\"ready\":true,\"restartCount\":1,\"image\":\"app:1\",\"imageID\":\"x\","
            + "\"state\":{\"running\":{\"startedAt\":\"2026-01-01T00:01:00Z\"}},"
            + "\"lastState\":{\"terminated\":{\"reason\":\"OOMKilled\",\"exitCode\":137,\"finishedAt\":\"2026-01-01T00:00:59Z\"}}}]}}";
    private static final String DEPLOYMENT = "{\"metadata\":{\"name\":\"app\",\"namespace\":\"default\",\"generation\":1},"
            + "\"spec\":{\"replicas\":1,\"selector\":{\"matchLabels\":{\"app\":\"app\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"app\"}},"
            + "\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"app:1\"}]}}},"
            + "\"status\":{\"replicas\":1,\"readyReplicas\":1,\"availableReplicas\":1,\"updatedReplicas\":1,\"observedGeneration\":1,"
            + "\"conditions\":[{\"type\":\"Available\",\"status\":\"True\"}]}}";
    private static final String REPLICA_SET = "{\"metadata\":{\"name\":\"app-7d4b9c\",\"namespace\":\"default\",\"annotations\":"
            + "{\"deployment.kubernetes.io/revision\":\"1\"},\"ownerReferences\":[{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\","
            + "\"name\":\"app\",\"uid\":\"u0\"}]},\"spec\":{\"replicas\":1},\"status\":{\"replicas\":1,\"readyReplicas\":1}}";
    private static final String EVENT = "{\"metadata\":{\"name\":\"app.1\",\"namespace\":\"default\"},\"type\":\"Warning\",\"reason\":\"BackOff\","
            + "\"message\":\"Back-off restarting failed container\",\"count\":1,\"lastTimestamp\":\"2026-01-01T00:00:59Z\","
            + "\"involvedObject\":{\"kind\":\"Pod\",\"name\":\"app-7d4b9c-x1\"}}";
    private final LoopbackServer server;
    private final Path kubeconfig;

    K8sTrainingPeer(Path scratch) throws IOException {
        server = LoopbackServer.http("training-k8s", K8sTrainingPeer::reply);
        kubeconfig = K8sConnectorFactory.trainingKubeconfig(scratch.resolve("kubeconfig-answering"), server.address());
    }

    @Override
    public Map<String, String> settings() {
        return Map.of("kubeconfig", kubeconfig.toString());
    }

    private static Reply reply(String pathAndQuery) {
        String path = pathAndQuery.replaceFirst("\\?.*", "");
        if (path.endsWith("/log")) {
            return new Reply("text/plain", "2026-01-01T00:00:58Z java.lang.OutOfMemoryError: Java heap space\n".getBytes(StandardCharsets.UTF_8));
        }
        if (path.endsWith("/pods")) {
            return list("PodList", "v1", POD);
        }
        if (path.endsWith("/deployments")) {
            return list("DeploymentList", "apps/v1", DEPLOYMENT);
        }
        if (path.endsWith("/replicasets")) {
            return list("ReplicaSetList", "apps/v1", REPLICA_SET);
        }
        if (path.endsWith("/events")) {
            return list("EventList", "v1", EVENT);
        }
        if (path.endsWith("/deployments/app")) {
            return Reply.json(DEPLOYMENT);
        }
        if (path.contains("/pods/")) {
            return Reply.json(POD);
        }
        return Reply.json("{\"kind\":\"List\",\"apiVersion\":\"v1\",\"metadata\":{},\"items\":[]}");
    }

    private static Reply list(String kind, String apiVersion, String item) {
        return Reply.json("{\"kind\":\"" + kind + "\",\"apiVersion\":\"" + apiVersion + "\",\"metadata\":{\"resourceVersion\":\"1\"},\"items\":[" + item + "]}");
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
