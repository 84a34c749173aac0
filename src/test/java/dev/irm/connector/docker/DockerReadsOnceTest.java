package dev.irm.connector.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.irm.testing.DockerEngine;
import dev.irm.testing.IrmCli;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code irm diagnose docker} reads the container list, each inspect and each container's log once per command, however
 * many steps judge them: a real engine behind a unix-socket proxy that records every request line irm sends.
 */
class DockerReadsOnceTest {
    /** A request line; the API version prefix ({@code /v1.47}) is left out of the recorded path. */
    private static final Pattern REQUEST = Pattern.compile("(?m)^([A-Z]+) (?:/v[0-9.]+)?(/\\S*) HTTP/1\\.[01]\r?$");
    private static DockerEngine docker;

    @BeforeAll
    static void startEngine() throws Exception {
        docker = DockerEngine.start();
        docker.ensureImage();
    }

    @AfterAll
    static void stopEngine() {
        if (docker != null) {
            docker.close();
        }
    }

    @Test
    void aDozenStepsOverOneContainerReadItsListInspectAndLogOnce() throws Exception {
        String name = "ledger-worker-" + ProcessHandle.current().pid();
        docker.runContainer(name, DockerDiagnoseTest.service("ledger"), "sh", "-c", "for i in 1 2 3; do echo ledger line $i; done; sleep 600");
        try {
            Path dir = Files.createTempDirectory("irm-docker-proxy");
            ConcurrentLinkedQueue<String> requests = new ConcurrentLinkedQueue<>();
            try (ServerSocketChannel proxy = proxy(dir.resolve("docker.sock"), Path.of(docker.dockerHost().substring("unix://".length())), requests)) {
                IrmCli cli = DockerDiagnoseTest.cli(docker, Map.of("app_service", "ledger"));
                Files.writeString(cli.home().resolve("config.yaml"), Files.readString(cli.home().resolve("config.yaml"))
                        .replace(docker.dockerHost(), "unix://" + dir.resolve("docker.sock")));
                IrmCli.Result r = cli.run("diagnose", "docker", "-o", "json");
                assertTrue(r.code() <= 2, r.toString());
                assertEquals("OK", r.check("docker.reachable").path("status").asText(), r.out());
                assertEquals(3, r.check("docker.app-error-log").path("metrics").path("lines").asInt(), r.out());

                List<String> paths = List.copyOf(requests);
                String id = docker.inspect(name, "{{.Id}}").trim();
                assertEquals(1, count(paths, "/containers/json?all=1"), paths.toString());
                assertEquals(1, count(paths, "/containers/" + id + "/json"), paths.toString());
                long logReads = paths.stream().filter(p -> p.startsWith("/containers/" + id + "/logs")).count();
                // the built-in runbooks ask 30m/5,000 then 49h/20,000 (wider: read again); every narrower window is cut from it
                assertTrue(logReads >= 1 && logReads <= 2, paths.toString());
                assertTrue(paths.stream().allMatch(p -> p.startsWith("/")), paths.toString());
            }
        } finally {
            docker.dockerResult("rm", "-f", name);
        }
    }

    private static long count(List<String> paths, String path) {
        return paths.stream().filter(path::equals).count();
    }

    /** Forwards each connection to the engine's socket; every request line from irm is recorded (method is GET for diagnose). */
    private static ServerSocketChannel proxy(Path socket, Path engine, ConcurrentLinkedQueue<String> requests) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread accept = new Thread(() -> {
            while (server.isOpen()) {
                try {
                    SocketChannel client = server.accept();
                    SocketChannel upstream = SocketChannel.open(UnixDomainSocketAddress.of(engine));
                    pump(client, upstream, requests);
                    pump(upstream, client, null);
                } catch (IOException e) {
                    return; // closed
                }
            }
        }, "docker-proxy");
        accept.setDaemon(true);
        accept.start();
        return server;
    }

    private static void pump(SocketChannel from, SocketChannel to, ConcurrentLinkedQueue<String> requests) {
        Thread t = new Thread(() -> {
            ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
            try (from; to) {
                while (from.read(buf) >= 0) {
                    buf.flip();
                    if (requests != null) {
                        Matcher m = REQUEST.matcher(StandardCharsets.ISO_8859_1.decode(buf.duplicate()));
                        while (m.find()) {
                            assertEquals("GET", m.group(1), "diagnose sent " + m.group(0));
                            requests.add(m.group(2));
                        }
                    }
                    while (buf.hasRemaining()) {
                        to.write(buf);
                    }
                    buf.clear();
                }
            } catch (IOException e) {
                // one side closed
            }
        }, "docker-proxy-pump");
        t.setDaemon(true);
        t.start();
    }
}
