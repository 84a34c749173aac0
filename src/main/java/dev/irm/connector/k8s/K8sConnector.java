package dev.irm.connector.k8s;

import dev.irm.connector.ActionSpec;
import dev.irm.connector.Args;
import dev.irm.connector.DeclaredConnector;
import dev.irm.connector.Observation;
import io.fabric8.kubernetes.client.KubernetesClient;

/** One cluster and namespace. Reads go through {@link ReadOnlyCluster}; the client itself only reaches consented writes. */
final class K8sConnector extends DeclaredConnector<K8sConnector.Session, K8sConnector.Writer> {
    /** What read actions and previews get: the read-only cluster view and the endpoint they name. */
    record Session(ReadOnlyCluster k8s, String endpoint) {
    }

    /** What a consented write gets: the client that may change the cluster, beside the read-only view. */
    record Writer(KubernetesClient client, ReadOnlyCluster k8s) {
    }

    private final KubernetesClient client;

    K8sConnector(KubernetesClient client, ReadOnlyCluster reads, String endpoint) {
        super(K8sConnectorFactory.ACTIONS, new Session(reads, endpoint), new Writer(client, reads));
        this.client = client;
    }

    @Override
    public String endpoint() {
        return session().endpoint();
    }

    @Override
    protected <T> T aroundReadOnly(ActionSpec action, Args args, Call<T> call) throws Exception {
        try {
            return call.run();
        } catch (Exception e) {
            throw K8sPermissions.translate(e);
        }
    }

    @Override
    protected void forgetReads() {
        session().k8s().forget();
    }

    @Override
    public void close() {
        client.close();
    }
}
