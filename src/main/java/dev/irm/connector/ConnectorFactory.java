package dev.irm.connector;

import java.util.List;

/**
 * One per target, found by name through {@link ConnectorRegistry}. Must stay light: the client
 * library of a target is loaded only when {@link #open} is called for it.
 */
public interface ConnectorFactory {

    String target();

    List<ActionSpec> actions();

    /** Connects within the settings' timeout, or throws {@link TargetUnreachableException}. */
    Connector open(TargetSettings settings) throws TargetUnreachableException;

    /** The endpoint settings describe, redacted, for findings about a target that never connected. */
    String describe(TargetSettings settings);

    /**
     * What is missing when only local defaults apply and they do not exist (Docker: no socket file;
     * Kubernetes: no kubeconfig and no service account), or null when the target is configured.
     * Asked only when no option, environment variable or context names the target.
     */
    default String notConfigured(TargetSettings settings) {
        return null;
    }

    /** Runbook for an unreachable target, from the cause: e.g. redis-down, or db-pool-exhaustion for MySQL error 1040. */
    String unreachableRunbook(TargetUnreachableException cause);
}
