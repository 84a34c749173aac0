package dev.irm.connector.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fabric8.kubernetes.client.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Kubeconfig} reads what fabric8's own kubeconfig reading gives: the same client settings, file by file. */
class KubeconfigTest {
    private static final String TWO_CLUSTERS = """
            apiVersion: v1
            kind: Config
            clusters:
            - name: prod
              cluster:
                server: https://prod.example:6443
                certificate-authority: certs/prod-ca.crt
                tls-server-name: api.prod
                extensions:
                - name: client.authentication.k8s.io/exec
                  extension: {audience: prod}
            - name: lab
              cluster: {server: "http://127.0.0.1:8080", insecure-skip-tls-verify: true, proxy-url: "http://proxy.lab:3128"}
            users:
            - name: oncall
              user: {client-certificate: certs/oncall.crt, client-key: certs/oncall.key}
            - name: drill
              user: {token: drill-token-not-a-secret}
            - name: basic
              user: {username: admin, password: pw-not-a-secret}
            contexts:
            - name: prod
              context: {cluster: prod, user: oncall, namespace: shop}
            - name: lab
              context: {cluster: lab, user: drill}
            - name: basic
              context: {cluster: lab, user: basic, namespace: ops}
            extensions:
            - name: irm-test
              extension: {kind: Something, apiVersion: example.com/v1, answer: 42}
            current-context: prod
            """;

    @TempDir
    Path dir;

    private Path write(String text) throws Exception {
        Path file = Files.createDirectories(dir.resolve("kube")).resolve("config");
        return Files.writeString(file, text);
    }

    /** The settings a connection uses, as one comparable list. */
    private static List<Object> settings(Config c) {
        List<Object> out = new ArrayList<>();
        out.add(c.getCurrentContext() == null ? null : c.getCurrentContext().getName());
        out.add(c.getContexts().stream().map(n -> n.getName()).sorted().toList());
        out.addAll(java.util.Arrays.asList(c.getMasterUrl(), c.getNamespace(), c.getCaCertFile(), c.getCaCertData(),
                c.getTlsServerName(), c.isTrustCerts(), c.isDisableHostnameVerification(), c.getHttpProxy(), c.getHttpsProxy(),
                c.getClientCertFile(), c.getClientCertData(), c.getClientKeyFile(), c.getClientKeyData(), c.getClientKeyAlgo(),
                c.getAutoOAuthToken(), c.getUsername(), c.getPassword()));
        return out;
    }

    @Test
    void everyContextReadsAsFabric8ReadsIt() throws Exception {
        Path file = write(TWO_CLUSTERS);
        for (String context : new String[] {null, "prod", "lab", "basic"}) {
            Config ours = Kubeconfig.read(context, TWO_CLUSTERS, file.toFile());
            Config fabric8 = Config.fromKubeconfig(context, file.toFile());
            assertEquals(settings(fabric8), settings(ours), "context " + context);
        }
    }

    @Test
    void relativePathsResolveBesideTheFile() throws Exception {
        Path file = write(TWO_CLUSTERS);
        Config prod = Kubeconfig.read(null, TWO_CLUSTERS, file.toFile());
        assertEquals("https://prod.example:6443/", prod.getMasterUrl());
        assertEquals("shop", prod.getNamespace());
        assertEquals(dir.resolve("kube/certs/prod-ca.crt").toString(), prod.getCaCertFile());
        assertEquals(dir.resolve("kube/certs/oncall.key").toString(), prod.getClientKeyFile());
        Config lab = Kubeconfig.read("lab", TWO_CLUSTERS, file.toFile());
        assertEquals("drill-token-not-a-secret", lab.getAutoOAuthToken());
        assertEquals(true, lab.isTrustCerts());
    }

    @Test
    void anUnknownContextFallsBackToTheCurrentOneAsFabric8Does() throws Exception {
        Path file = write(TWO_CLUSTERS);
        assertEquals(settings(Config.fromKubeconfig("nope", file.toFile())), settings(Kubeconfig.read("nope", TWO_CLUSTERS, file.toFile())));
        assertEquals("prod", Kubeconfig.read("nope", TWO_CLUSTERS, file.toFile()).getCurrentContext().getName());
    }

    @Test
    void brokenOrEmptyTextIsRefused() throws Exception {
        Path file = write("x");
        assertThrows(RuntimeException.class, () -> Kubeconfig.read(null, "clusters: [oops", file.toFile()));
        assertThrows(RuntimeException.class, () -> Kubeconfig.read(null, "", file.toFile()));
    }
}
