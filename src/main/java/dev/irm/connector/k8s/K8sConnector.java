package dev.irm.connector.k8s;

import dev.irm.connector.Args;
import dev.irm.connector.Connector;
import dev.irm.connector.Consent;
import dev.irm.connector.Observation;
import dev.irm.connector.Preview;
import io.fabric8.kubernetes.client.KubernetesClient;

/** One cluster and namespace. Reads go through {@link ReadOnlyCluster}; the client itself only reaches consented writes. */
final class K8sConnector implements Connector {
    private final KubernetesClient client;
    private final ReadOnlyCluster reads;
    private final String endpoint;

    K8sConnector(KubernetesClient client, String namespace, String endpoint) {
        this.client = client;
        this.reads = new ReadOnlyCluster(client, namespace);
        this.endpoint = endpoint;
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public Observation read(String action, Args args) throws Exception {
        try {
            return readAction(action, args);
        } catch (Exception e) {
            throw K8sPermissions.translate(e);
        }
    }

    private Observation readAction(String action, Args args) throws Exception {
        return switch (action) {
            case "deployments" -> K8sReads.deployments(reads, args);
            case "pods" -> K8sReads.pods(reads, args);
            case "logs" -> K8sReads.logs(reads, args);
            case "events" -> K8sReads.events(reads, args);
            case "rollout-history" -> K8sReads.rolloutHistory(reads, args);
            case "pod-metrics" -> K8sReads.podMetrics(reads, args);
            case "evidence" -> K8sEvidence.collect(reads, args, endpoint);
            default -> throw new IllegalArgumentException("k8s has no read action '" + action + "'");
        };
    }

    @Override
    public Preview preview(String action, Args args) throws Exception {
        try {
            return previewAction(action, args);
        } catch (RuntimeException e) {
            throw K8sPermissions.translate(e);
        }
    }

    private Preview previewAction(String action, Args args) {
        return switch (action) {
            case "scale" -> K8sWrites.previewScale(reads, args, endpoint);
            case "rollout-restart" -> K8sWrites.previewRestart(reads, args, endpoint);
            case "rollout-undo" -> K8sWrites.previewUndo(reads, args, endpoint);
            case "set-resources" -> K8sWrites.previewResources(reads, args, endpoint);
            default -> throw new IllegalArgumentException("k8s has no write action '" + action + "'");
        };
    }

    @Override
    public Observation write(String action, Args args, Consent consent) {
        if (consent == null) {
            throw new IllegalStateException("a write needs consent");
        }
        reads.forget(); // what a later step reads must show this write
        return switch (action) {
            case "scale" -> K8sWrites.scale(client, reads, args, consent);
            case "rollout-restart" -> K8sWrites.restart(client, reads, args, consent);
            case "rollout-undo" -> K8sWrites.undo(client, reads, args, consent);
            case "set-resources" -> K8sWrites.setResources(client, reads, args, consent);
            default -> throw new IllegalArgumentException("k8s has no write action '" + action + "'");
        };
    }

    @Override
    public void close() {
        client.close();
    }
}
