package dev.irm.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A JDK HTTP server on a loopback port for tests: serves a text at {@code GET /metrics} (for a real
 * Prometheus to scrape) and records every request body sent to any other path (a test sink).
 */
public final class LoopbackHttp implements AutoCloseable {
    private final HttpServer server;
    private final AtomicReference<String> metrics = new AtomicReference<>("");
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int failFirst;

    /** One request the sink got. */
    public record Received(String path, String contentType, String body) {
    }

    public LoopbackHttp() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/metrics", exchange -> {
            byte[] body = metrics.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = 200;
            synchronized (this) {
                if (failFirst > 0) {
                    failFirst--;
                    status = 500;
                }
            }
            received.add(new Received(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Content-Type"),
                    status == 200 ? body : "(answered 500) " + body));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String hostPort() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    public void serveMetrics(String exposition) {
        metrics.set(exposition);
    }

    /** The next {@code n} posts are answered 500 (to exercise a sender's retries). */
    public synchronized void failNext(int n) {
        failFirst = n;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
