package dev.irm.connector.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.irm.connector.k8s.K8sCluster;
import dev.irm.support.Json;
import dev.irm.testing.IrmCli;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 item 3: container and pod names are server data. An evidence bundle turns them into
 * plain file names and writes nothing outside itself, however the names try to climb out.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class HostileNamesTest {
    static KubernetesMockServer server;
    static KubernetesClient client;

    private static final List<String> HOSTILE = List.of("/../../../../escaped-docker", "/..", "/..\\..\\evil\nname", "/.hidden/../../x");

    @Test
    void safeFileNamesAreSingleVisibleNames() {
        assertEquals("escaped", SafeFileName.of("../../../../escaped"));
        assertEquals("unnamed", SafeFileName.of(".."));
        assertEquals("unnamed", SafeFileName.of("/"));
        assertEquals("evil_name", SafeFileName.of("..\\evil\nname"));
        assertEquals("hidden_.._.._x", SafeFileName.of("/.hidden/../../x"));
        assertEquals("app-1", SafeFileName.of("app-1"));
        assertEquals(100, SafeFileName.of("a".repeat(5000)).length());
    }

    /**
     * A stand-in Docker Engine API (JDK HttpServer on TCP), acceptable here because no real engine
     * hands out such names on request: {@code docker run --name} refuses them. It serves only what
     * the evidence bundle reads: {@code /_ping}, the container list, inspect and logs.
     */
    private static HttpServer hostileEngine() throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/_ping")) {
                reply(exchange, 200, "OK");
            } else if (path.equals("/containers/json")) {
                List<Map<String, Object>> list = new java.util.ArrayList<>();
                for (int i = 0; i < HOSTILE.size(); i++) {
                    list.add(Map.of("Id", "c" + i + "0000000000", "Names", List.of(HOSTILE.get(i)), "State", "exited",
                            "Labels", Map.of("com.docker.compose.service", "app")));
                }
                reply(exchange, 200, Json.MAPPER.writeValueAsString(list));
            } else if (path.matches("/containers/c\\d0+/json")) {
                int i = path.charAt("/containers/c".length()) - '0';
                reply(exchange, 200, Json.MAPPER.writeValueAsString(Map.of("Id", "c" + i + "0000000000", "Name", HOSTILE.get(i),
                        "State", Map.of("Status", "exited", "ExitCode", 0), "Config", Map.of("Tty", true,
                                "Labels", Map.of("com.docker.compose.service", "app")), "HostConfig", Map.of("Memory", 0))));
            } else if (path.matches("/containers/c\\d0+/logs")) {
                reply(exchange, 200, "log of " + path.charAt("/containers/c".length()) + "\n");
            } else {
                reply(exchange, 404, "{\"message\":\"not served by this stand-in\"}");
            }
        });
        http.start();
        return http;
    }

    private static void reply(HttpExchange exchange, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", body.startsWith("{") || body.startsWith("[") ? "application/json" : "text/plain");
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Path runbook(Path home, String target) throws IOException {
        Path dir = Files.createDirectories(home.resolve("runbooks"));
        Files.writeString(dir.resolve("grab.yaml"), """
                id: grab-evidence
                title: Grab the evidence
                severity: P2
                targets: [%1$s]
                variables:
                  evidence_dir: {default: x}
                steps:
                  - id: grab
                    kind: diagnostic
                    title: Collect it
                    action: %1$s.evidence
                    with: {dir: "${evidence_dir}", services: [app]}
                """.formatted(target));
        return dir;
    }

    /** Every regular file under {@code root}, which must all be inside {@code bundle}. */
    private static void assertOnlyInside(Path root, Path bundle) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.filter(Files::isRegularFile).filter(p -> !p.startsWith(root.resolve("runbooks"))).toList()) {
                assertTrue(p.startsWith(bundle), p + " is outside the bundle " + bundle);
            }
        }
    }

    @Test
    void hostileContainerNamesStayInsideTheDockerBundle() throws Exception {
        HttpServer engine = hostileEngine();
        try {
            Path home = Files.createTempDirectory("irm-hostile-docker");
            Path evidence = Files.createDirectories(home.resolve("a/b/c/evidence"));
            IrmCli cli = new IrmCli().env("XDG_STATE_HOME", home.resolve("a/b/c/evidence/state").toString());
            IrmCli.Result r = cli.run("--runbooks", runbook(home, "docker").toString(), "run", "grab-evidence",
                    "--docker-host", "tcp://127.0.0.1:" + engine.getAddress().getPort(), "--set", "evidence_dir=" + evidence, "-o", "json");
            JsonNode grab = r.json().path("steps").get(0);
            assertEquals("OK", grab.path("status").asText(), r.toString());
            Path bundle = Path.of(grab.path("metrics").path("dir").asText());
            assertTrue(bundle.startsWith(evidence), bundle.toString());
            assertEquals(List.of("containers.json", "logs/escaped-docker.log", "logs/evil_name.log", "logs/hidden_.._.._x.log",
                    "logs/unnamed.log", "stats.json"), files(bundle));
            assertEquals("log of 0\n", Files.readString(bundle.resolve("logs/escaped-docker.log")));
            assertOnlyInside(home.resolve("a"), home.resolve("a/b/c/evidence"));
            assertOnlyInside(evidence.getParent(), evidence);
            try (Stream<Path> bundleFiles = Files.walk(evidence).filter(Files::isRegularFile)) {
                assertTrue(bundleFiles.allMatch(p -> p.startsWith(bundle) || p.startsWith(evidence.resolve("state"))));
            }
        } finally {
            engine.stop(0);
        }
    }

    @Test
    void hostilePodNamesStayInsideTheKubernetesBundle() throws Exception {
        K8sCluster.reset(server, client);
        client.pods().inNamespace(K8sCluster.NS).resource(new PodBuilder().withNewMetadata().withName("../../../../escaped-pod")
                .withNamespace(K8sCluster.NS).addToLabels("app", "app").endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("app:1").endContainer().endSpec().build()).create();
        Path home = Files.createTempDirectory("irm-hostile-k8s");
        Path evidence = Files.createDirectories(home.resolve("a/b/c/evidence"));
        IrmCli cli = new IrmCli();
        cli.env("KUBECONFIG", K8sCluster.kubeconfig(client, cli.home()).toString());
        IrmCli.Result r = cli.run("--runbooks", runbook(home, "k8s").toString(), "run", "grab-evidence",
                "--set", "evidence_dir=" + evidence, "-o", "json");
        JsonNode grab = r.json().path("steps").get(0);
        assertEquals("OK", grab.path("status").asText(), r.toString());
        Path bundle = Path.of(grab.path("metrics").path("dir").asText());
        assertTrue(files(bundle).contains("logs/escaped-pod.log"), files(bundle).toString());
        assertOnlyInside(home.resolve("a"), bundle);
    }

    private static List<String> files(Path bundle) throws IOException {
        try (Stream<Path> all = Files.walk(bundle)) {
            return all.filter(Files::isRegularFile).map(p -> bundle.relativize(p).toString()).sorted().toList();
        }
    }
}
