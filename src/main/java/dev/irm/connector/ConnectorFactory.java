package dev.irm.connector;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One per target, found by {@link java.util.ServiceLoader} through {@link ConnectorRegistry}: everything
 * about the target is declared here (its name, its place in {@code diagnose all}, its connection
 * settings, its actions), and the CLI, the config loader and completion take it from here. Must stay
 * light: the client library of a target is loaded only when {@link #open} is called for it.
 */
public interface ConnectorFactory {

    /** The order of a target that declares none: after the built-in ones (10 to 70). */
    int DEFAULT_ORDER = 1000;

    String target();

    /** Where the target comes in {@code diagnose all} and every target list: lower first, then by name. */
    default int order() {
        return DEFAULT_ORDER;
    }

    /** Its connection settings: options, environment variables, config-section keys, defaults, secrets. */
    default List<ConnectionSetting> settings() {
        return List.of();
    }

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

    /**
     * Settings that point this target at {@code closedHostPort} (nothing listens there), for the AppCDS
     * training run, so the archive holds the classes a real command loads; keyed as {@link #settings()}.
     * A target that needs a file (a kubeconfig) writes it under {@code scratch}. Empty: nothing to train.
     */
    default Map<String, String> trainingSettings(String closedHostPort, Path scratch) throws IOException {
        return Map.of();
    }

    /**
     * For the AppCDS training run too: builds the target's client against {@code closedHostPort} where
     * {@link #open} never gets that far (Kafka's TCP probe stops first), so its classes are archived.
     * Never throws; the run only needs the classes loaded.
     */
    default void trainClient(String closedHostPort) {
    }

    /** For the training run as well: a peer that answers this target's protocol ({@link TrainingPeer}); null: none. */
    default TrainingPeer trainingPeer(Path scratch) throws IOException {
        return null;
    }
}
