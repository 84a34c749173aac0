package dev.irm.connector.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The unix-socket transport's HTTP/1.1 reading on answers the real engine rarely sends (the Docker tests use the real
 * engine for everything else): chunk extensions and trailers, a body cut short, a peer that is not HTTP, endless
 * headers, and a peer that never answers, whose read {@code close()} must end.
 */
class UnixSocketHttpClientTest {
    private ServerSocketChannel server;
    private final AtomicReference<String> request = new AtomicReference<>();

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    /** A peer that reads the request head, then writes {@code answer} (null: writes nothing, keeps the connection). */
    private Path peer(byte[] answer) throws IOException {
        Path socket = Files.createTempDirectory("irm-unix-http").resolve("engine.sock");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread t = new Thread(() -> {
            try (SocketChannel client = server.accept()) {
                InputStream in = Channels.newInputStream(client);
                StringBuilder head = new StringBuilder();
                while (!head.toString().endsWith("\r\n\r\n")) {
                    head.append((char) in.read());
                }
                request.set(head.toString());
                if (answer == null) {
                    Thread.sleep(30_000);
                }
                client.write(ByteBuffer.wrap(answer));
            } catch (IOException | InterruptedException e) {
                // the test ended
            }
        }, "unix-http-peer");
        t.setDaemon(true);
        t.start();
        return socket;
    }

    private static DockerHttpClient.Request get(String path) {
        return DockerHttpClient.Request.builder().method("GET").path(path).build();
    }

    @Test
    void chunkedBodyWithExtensionsAndTrailersIsJoinedAndTheRequestIsAGetThatClosesTheConnection() throws Exception {
        String answer = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;name=value\r\n[{\"Id\r\n" + "b\r\n\":\"ab12\"}]\n\r\n" + "0\r\nX-Trailer: 1\r\n\r\n";
        try (UnixSocketHttpClient http = new UnixSocketHttpClient(peer(answer.getBytes(StandardCharsets.US_ASCII)));
             DockerHttpClient.Response r = http.execute(get("/containers/json?all=1"))) {
            assertEquals(200, r.getStatusCode());
            assertEquals("application/json", r.getHeader("content-type"));
            assertEquals("[{\"Id\":\"ab12\"}]\n", new String(r.getBody().readAllBytes(), StandardCharsets.UTF_8));
        }
        assertTrue(request.get().startsWith("GET /containers/json?all=1 HTTP/1.1\r\n"), request.get());
        assertTrue(request.get().contains("Connection: close\r\n"), request.get());
    }

    @Test
    void contentLengthBoundsTheBodyAndABodyCutShortIsAnError() throws Exception {
        try (UnixSocketHttpClient http = new UnixSocketHttpClient(peer("HTTP/1.1 404 Not Found\r\nContent-Length: 2\r\n\r\n{}trailing".getBytes(StandardCharsets.US_ASCII)));
             DockerHttpClient.Response r = http.execute(get("/containers/nope/json"))) {
            assertEquals(404, r.getStatusCode());
            assertEquals("{}", new String(r.getBody().readAllBytes(), StandardCharsets.US_ASCII));
        }
        stop();
        try (UnixSocketHttpClient http = new UnixSocketHttpClient(peer("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort".getBytes(StandardCharsets.US_ASCII)));
             DockerHttpClient.Response r = http.execute(get("/info"))) {
            IOException cut = assertThrows(IOException.class, () -> r.getBody().readAllBytes());
            assertTrue(cut.getMessage().contains("before the end of its answer"), cut.getMessage());
        }
    }

    @Test
    void aPeerThatIsNotHttpOrSendsEndlessHeadersIsOneClearError() throws Exception {
        try (UnixSocketHttpClient http = new UnixSocketHttpClient(peer("SSH-2.0-OpenSSH_9.2\r\n".getBytes(StandardCharsets.US_ASCII)))) {
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> http.execute(get("/_ping")));
            assertTrue(e.getCause().getMessage().contains("not an HTTP answer"), e.getCause().getMessage());
        }
        stop();
        byte[] endless = ("HTTP/1.1 200 OK\r\n" + "X-Pad: " + "x".repeat(70_000) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        try (UnixSocketHttpClient http = new UnixSocketHttpClient(peer(endless))) {
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> http.execute(get("/_ping")));
            assertTrue(e.getCause().getMessage().contains("bytes of headers"), e.getCause().getMessage());
        }
    }

    @Test
    void closeEndsARequestThePeerNeverAnswers() throws Exception {
        UnixSocketHttpClient http = new UnixSocketHttpClient(peer(null));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                http.execute(get("/_ping")).close();
            } catch (RuntimeException e) {
                failure.set(e);
            }
        });
        caller.start();
        while (request.get() == null) {
            Thread.sleep(10);
        }
        http.close();
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> caller.join()); // liveness guard, not a timing
        assertTrue(failure.get() instanceof UncheckedIOException, String.valueOf(failure.get()));
    }
}
