package dev.irm.connector.k8s;

import dev.irm.connector.PermissionDeniedException;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** A Kubernetes 403 as one line naming what the Role lacks (the API server's own reason says verb and resource). */
final class K8sPermissions {
    private K8sPermissions() {
    }

    static Exception translate(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof KubernetesClientException k && k.getCode() == 403) {
                String reason = k.getStatus() != null && k.getStatus().getMessage() != null ? k.getStatus().getMessage() : "forbidden";
                return new PermissionDeniedException("permission missing: " + reason + " (HTTP 403; the Role needs get/list/watch on it, "
                        + PermissionDeniedException.DOC + ")");
            }
        }
        return e;
    }
}
