package dev.irm.connector.k8s;

import dev.irm.connector.TargetSettings;
import dev.irm.connector.TargetUnreachableException;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The pod's own service account, as kubectl uses it in a pod: the API server at
 * {@code https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT}, the token, {@code ca.crt} and
 * {@code namespace} files of the service-account folder ({@code /var/run/secrets/kubernetes.io/serviceaccount},
 * {@code IRM_K8S_SERVICEACCOUNT_DIR} to move it). Built from those alone, never from a kubeconfig; the token is
 * read again for each request, so a rotated (bound, expiring) token keeps working in a long-running {@code irm serve}.
 */
final class InClusterConfig {
    static final String DEFAULT_DIR = "/var/run/secrets/kubernetes.io/serviceaccount";

    private InClusterConfig() {
    }

    /** True when irm runs in a pod: the service host is set and the service-account token is mounted. */
    static boolean applies(TargetSettings settings) {
        String host = settings.get("serviceHost");
        return host != null && !host.isBlank() && Files.isRegularFile(dir(settings).resolve("token"));
    }

    static Config config(TargetSettings settings) throws TargetUnreachableException {
        Path dir = dir(settings);
        String host = settings.get("serviceHost").strip();
        String port = settings.get("servicePort", "443").strip();
        if (!port.matches("[0-9]{1,5}")) {
            throw new TargetUnreachableException("KUBERNETES_SERVICE_PORT is not a port: " + port, null);
        }
        Path token = dir.resolve("token");
        Path ca = dir.resolve("ca.crt");
        Path namespaceFile = dir.resolve("namespace");
        if (!Files.isReadable(token) || !Files.isRegularFile(ca)) {
            throw new TargetUnreachableException("in-cluster: cannot read the service account's token and ca.crt in " + dir, null);
        }
        String namespace = read(namespaceFile, "default");
        return new ConfigBuilder(Config.empty())
                .withAutoConfigure(false)
                .withMasterUrl("https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port)
                .withCaCertFile(ca.toString())
                .withNamespace(namespace)
                .withOauthTokenProvider(() -> {
                    try {
                        return Files.readString(token, StandardCharsets.UTF_8).strip();
                    } catch (IOException e) {
                        throw new UncheckedIOException("in-cluster: cannot read " + token, e);
                    }
                })
                .build();
    }

    private static Path dir(TargetSettings settings) {
        return Path.of(settings.get("serviceAccountDir", DEFAULT_DIR));
    }

    private static String read(Path file, String fallback) throws TargetUnreachableException {
        if (!Files.isRegularFile(file)) {
            return fallback;
        }
        try {
            String value = Files.readString(file, StandardCharsets.UTF_8).strip();
            return value.isEmpty() ? fallback : value;
        } catch (IOException e) {
            throw new TargetUnreachableException("in-cluster: cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
