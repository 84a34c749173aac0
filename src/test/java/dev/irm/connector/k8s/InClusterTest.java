package dev.irm.connector.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.irm.connector.TargetSettings;
import dev.irm.testing.IrmCli;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * irm in a pod, and the manifests of {@code deploy/kubernetes/}. The Kubernetes API server is the one stand-in
 * (there is no cluster here): fabric8's mock server in CRUD mode, over HTTPS with its self-signed certificate as
 * the service account's {@code ca.crt}. The service-account folder is a temp dir laid out like
 * {@code /var/run/secrets/kubernetes.io/serviceaccount} ({@code IRM_K8S_SERVICEACCOUNT_DIR}), and
 * {@code KUBERNETES_SERVICE_HOST/PORT} point at the mock, as the kubelet sets them in every pod.
 */
class InClusterTest {
    private static final Path ROOT = Path.of(System.getProperty("irm.project.dir", "."));
    private static final Path MANIFESTS = ROOT.resolve("deploy/kubernetes");
    private static final Pattern API_PATH = Pattern.compile(
            "/(?:api/v1|apis/([^/]+)/[^/]+)/namespaces/([^/]+)/([^/?]+)(?:/([^/?]+))?(?:/([^/?]+))?(?:\\?(.*))?");
    private static MockWebServer web;
    private static KubernetesMockServer server;
    private static KubernetesClient client;

    @TempDir
    Path dir;
    private Path serviceAccount;
    private String token;

    @BeforeAll
    static void startApiServer() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        web = new MockWebServer();
        server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), web, responses,
                new KubernetesMixedDispatcher(responses), true);
        server.init();
        client = server.createClient();
    }

    @AfterAll
    static void stopApiServer() {
        client.close();
        server.destroy();
    }

    @BeforeEach
    void pod() throws Exception {
        K8sCluster.reset(server, client);
        serviceAccount = Files.createDirectories(dir.resolve("var/run/secrets/kubernetes.io/serviceaccount"));
        token = "sa-token-" + UUID.randomUUID();
        Files.writeString(serviceAccount.resolve("token"), token);
        Files.copy(Path.of(web.getSelfSignedCertificate().certificatePath()), serviceAccount.resolve("ca.crt"));
        Files.writeString(serviceAccount.resolve("namespace"), K8sCluster.NS + "\n");
        drainRequests();
    }

    /** With a 5 s call timeout: the first TLS handshake of a cold JVM on a loaded machine can take more than the default. */
    private IrmCli inPod() throws Exception {
        IrmCli cli = new IrmCli();
        Files.writeString(cli.home().resolve("config.yaml"), "currentContext: pod\ncontexts:\n  pod:\n    k8s: {timeout: 5s}\n");
        return cli.env("KUBERNETES_SERVICE_HOST", "localhost").env("KUBERNETES_SERVICE_PORT", String.valueOf(web.getPort()))
                .env("IRM_K8S_SERVICEACCOUNT_DIR", serviceAccount.toString());
    }

    @Test
    void inAPodIrmReadsItsOwnNamespaceWithTheServiceAccountAndNoKubeconfig() throws Exception {
        // a kubeconfig in HOME that would lead elsewhere: in a pod it must not be read
        Path home = Files.createDirectories(dir.resolve("home/.kube")).getParent();
        Files.writeString(home.resolve(".kube/config"), K8sCluster.kubeconfigFor("https://127.0.0.1:1"));
        String userHome = System.getProperty("user.home");
        IrmCli.Result r;
        System.setProperty("user.home", home.toString());
        try {
            r = inPod().run("diagnose", "k8s", "-o", "json");
        } finally {
            System.setProperty("user.home", userHome);
        }
        assertEquals(2, r.code(), r.toString());
        assertEquals("CRITICAL", r.check("k8s.app-oom-killed").path("status").asText(), r.out());
        assertEquals("app-oom", r.check("k8s.app-oom-killed").path("runbook").asText());
        assertEquals("OK", r.check("k8s.reachable").path("status").asText(), r.out());
        assertFalse(r.out().contains(token) || r.err().contains(token), "the token is never shown");

        List<RecordedRequest> requests = drainRequests();
        assertFalse(requests.isEmpty());
        Set<String> needed = new HashSet<>();
        for (RecordedRequest request : requests) {
            assertEquals("Bearer " + token, request.getHeader("Authorization"), request.getPath());
            Matcher m = API_PATH.matcher(request.getPath());
            assertTrue(m.matches(), "a namespaced API request: " + request.getPath());
            assertEquals(K8sCluster.NS, m.group(2), "the namespace from the service account's namespace file");
            assertEquals("GET", request.getMethod(), request.getPath());
            String group = m.group(1) == null ? "" : m.group(1);
            String resource = m.group(3) + (m.group(5) == null ? "" : "/" + m.group(5));
            String verb = m.group(4) == null ? (m.group(6) != null && m.group(6).contains("watch=true") ? "watch" : "list") : "get";
            needed.add(group + ":" + resource + ":" + verb);
        }
        Role read = role("rbac-read.yaml", "irm-read");
        for (String access : needed) {
            String[] p = access.split(":");
            assertTrue(allows(read, p[0], p[1], p[2]), "irm-read allows " + access);
        }
        assertTrue(needed.containsAll(Set.of(":pods:list", ":pods/log:get", ":events:list", "apps:deployments:list",
                "metrics.k8s.io:pods:list")), "what irm diagnose k8s read: " + needed);
        // k8s.rollout-history (runbook rollback) lists replicasets: outside diagnose k8s, in the Role all the same
        assertTrue(allows(read, "apps", "replicasets", "list"));
    }

    @Test
    void aRotatedTokenIsReadAgain() throws Exception {
        TargetSettings settings = new TargetSettings("k8s", Map.of("serviceHost", "localhost", "servicePort", String.valueOf(web.getPort()),
                "serviceAccountDir", serviceAccount.toString()), Duration.ofSeconds(5));
        assertTrue(InClusterConfig.applies(settings));
        Config config = InClusterConfig.config(settings);
        assertEquals(K8sCluster.NS, config.getNamespace());
        try (KubernetesClient inPod = new KubernetesClientBuilder().withConfig(config).build()) {
            assertEquals(3, inPod.pods().list().getItems().size());
            String rotated = "sa-token-" + UUID.randomUUID();
            Files.writeString(serviceAccount.resolve("token"), rotated);
            inPod.pods().list();
            List<RecordedRequest> requests = drainRequests();
            assertEquals("Bearer " + token, requests.get(0).getHeader("Authorization"));
            assertEquals("Bearer " + rotated, requests.get(requests.size() - 1).getHeader("Authorization"));
        }
    }

    @Test
    void withoutTheTokenIrmIsNotInAPod() throws Exception {
        Files.delete(serviceAccount.resolve("token"));
        IrmCli.Result r = inPod().env("KUBECONFIG", dir.resolve("missing").toString()).run("diagnose", "k8s", "-o", "json");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.check("k8s.reachable").path("summary").asText().contains("not running in a pod"), r.out());
    }

    @Test
    void theManifestsApplyAndKeepIrmReadOnlyWithSecretsInTheEnvironmentOnly() throws Exception {
        List<Path> files = manifests();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                for (HasMetadata item : client.load(in).items()) {
                    assertNotNull(client.resource(item).inNamespace(K8sCluster.NS).create(), file + ": " + item.getKind());
                }
            }
        }
        assertNotNull(client.serviceAccounts().inNamespace(K8sCluster.NS).withName("irm").get());
        Role read = client.rbac().roles().inNamespace(K8sCluster.NS).withName("irm-read").get();
        for (PolicyRule rule : read.getRules()) {
            assertEquals(Set.of("get", "list", "watch"), Set.copyOf(rule.getVerbs()), "read-only: " + rule);
        }
        assertEquals("irm-read", client.rbac().roleBindings().inNamespace(K8sCluster.NS).withName("irm-read").get().getRoleRef().getName());
        Role mitigate = client.rbac().roles().inNamespace(K8sCluster.NS).withName("irm-mitigate").get();
        assertTrue(allows(mitigate, "apps", "deployments/scale", "update") && allows(mitigate, "apps", "deployments", "patch"));
        assertFalse(allows(mitigate, "", "pods", "delete") || allows(mitigate, "apps", "deployments", "delete"));
        assertFalse(Files.readString(MANIFESTS.resolve("kustomization.yaml")).contains("- opt-in/"), "the write Role is opt-in");

        CronJob cron = client.batch().v1().cronjobs().inNamespace(K8sCluster.NS).withName("irm-diagnose").get();
        PodSpec job = cron.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
        assertTrue(String.join(" ", job.getContainers().get(0).getArgs()).contains("irm diagnose all -o prometheus"));
        assertTrue(String.join(" ", job.getContainers().get(0).getArgs()).contains("$PUSHGATEWAY_URL/metrics/job/irm-diagnose"));
        Deployment serve = client.apps().deployments().inNamespace(K8sCluster.NS).withName("irm").get();
        PodSpec pod = serve.getSpec().getTemplate().getSpec();
        assertEquals(List.of("serve", "--listen", "0.0.0.0:8080"), pod.getContainers().get(0).getArgs());
        assertEquals(8080, client.services().inNamespace(K8sCluster.NS).withName("irm").get().getSpec().getPorts().get(0).getPort());

        Secret secret = client.secrets().inNamespace(K8sCluster.NS).withName("irm-secrets").get();
        Set<String> secretKeys = new HashSet<>(secret.getStringData() != null ? secret.getStringData().keySet() : secret.getData().keySet());
        assertTrue(secretKeys.containsAll(Set.of("IRM_MYSQL_PASSWORD", "IRM_REDIS_PASSWORD", "IRM_SERVE_TOKEN")));
        Map<String, String> config = client.configMaps().inNamespace(K8sCluster.NS).withName("irm-config").get().getData();
        assertTrue(config.keySet().stream().noneMatch(secretKeys::contains), "no secret in the ConfigMap");
        for (PodSpec spec : List.of(job, pod)) {
            assertEquals("irm", spec.getServiceAccountName());
            Container c = spec.getContainers().get(0);
            assertTrue(c.getImage().startsWith("irm:"), c.getImage());
            assertTrue(c.getEnvFrom().stream().anyMatch(e -> e.getSecretRef() != null && "irm-secrets".equals(e.getSecretRef().getName())));
            String argv = String.join(" ", c.getArgs()) + " " + String.join(" ", c.getCommand() == null ? List.of() : c.getCommand());
            secretKeys.forEach(k -> assertFalse(argv.contains(k), k + " in args"));
            for (EnvVar e : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
                assertFalse(secretKeys.contains(e.getName()), e.getName() + " as a literal env value");
            }
            assertTrue(c.getSecurityContext().getReadOnlyRootFilesystem());
            assertEquals(10001L, spec.getSecurityContext().getRunAsUser());
        }
    }

    /** Every manifest but kustomization.yaml (not an API object), the opt-in folder included. */
    private static List<Path> manifests() throws Exception {
        try (Stream<Path> s = Files.walk(MANIFESTS)) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".yaml") && !p.endsWith("kustomization.yaml")).sorted().toList();
            String kustomization = Files.readString(MANIFESTS.resolve("kustomization.yaml"));
            for (Path f : files) {
                boolean optIn = f.getParent().endsWith("opt-in");
                assertEquals(!optIn, kustomization.contains("- " + f.getFileName()), "kustomization.yaml lists " + f.getFileName());
            }
            return files;
        }
    }

    private static Role role(String file, String name) throws Exception {
        try (InputStream in = Files.newInputStream(MANIFESTS.resolve(file))) {
            return client.load(in).items().stream().filter(i -> i instanceof Role && name.equals(i.getMetadata().getName()))
                    .map(Role.class::cast).findFirst().orElseThrow();
        }
    }

    private static boolean allows(Role role, String group, String resource, String verb) {
        return role.getRules().stream().anyMatch(r -> r.getApiGroups().contains(group) && r.getResources().contains(resource)
                && r.getVerbs().contains(verb));
    }

    private static List<RecordedRequest> drainRequests() throws InterruptedException {
        List<RecordedRequest> out = new ArrayList<>();
        for (RecordedRequest r; (r = web.takeRequest(50, TimeUnit.MILLISECONDS)) != null; ) {
            out.add(r);
        }
        return out;
    }
}
