package dev.irm.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server (the JDK's) on a free loopback port answering as a Spring Boot 3 app with
 * actuator and Resilience4j would, and as Prometheus' HTTP API does. Faults are set per test;
 * every request is counted, POSTs are kept with their Authorization header (and answered 404).
 *
 * <p>A stand-in: everything the real app can show is tested on {@link ReferenceApp} (the real
 * Spring Boot app) with a real {@link PrometheusServer}. This one stays only for shapes the real
 * app cannot produce on demand, and these are its only uses:
 * <ul>
 * <li>{@code HttpDiagnoseTest}: a health that answers DOWN at once with its {@code db} component
 *     DOWN (the real app's health waits for Hikari's connection-timeout first); threads waiting for
 *     the pool ({@code pending}) while few connections are active, or next to a full pool (the
 *     real app's waiting threads cannot be held still); a pool without the {@code idle} metric
 *     (older binders, custom pools); a second breaker HALF_OPEN (the app has one breaker, which
 *     stays OPEN for 60 s); a p95 of 800 ms and a CPU of 95 % chosen by the test (the app has
 *     no switch for either; traffic-spike's scale-out is shown on that CPU).</li>
 * <li>{@code K8sWiringTest}: traffic-spike's k8s scale-out and scale-in, which need a CPU of 95 %
 *     and of 20 % on demand (the Kubernetes side is fabric8's mock there anyway).</li>
 * <li>{@code bench/Lab}: the benchmark's worst case (pool 10 of 10 with 6 waiting, breaker OPEN,
 *     3 % 5xx, p95 0.8 s) answered at once, so that the bench measures irm, not the app's
 *     30 s Hikari timeout or a JVM start.</li>
 * </ul>
 */
public final class SpringAppServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One POST the server received. */
    public record Post(String path, String authorization) {
    }

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<Post> posts = new CopyOnWriteArrayList<>();
    private final Map<String, Double> metrics = new ConcurrentHashMap<>();
    private final Map<String, String> breakers = new ConcurrentHashMap<>();
    private final Map<String, String> promql = new ConcurrentHashMap<>();
    private volatile String health = "UP";
    private volatile String dbHealth = "UP";

    private SpringAppServer(HttpServer server) {
        this.server = server;
    }

    /** A healthy app: pool 2 of 10, one CLOSED breaker, 0 % 5xx, p95 80 ms, CPU 35 %. */
    public static SpringAppServer start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 32);
            SpringAppServer app = new SpringAppServer(http);
            http.createContext("/", app::handle);
            http.setExecutor(Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "spring-app-server");
                t.setDaemon(true);
                return t;
            }));
            http.start();
            app.pool(2, 10, 0, 8);
            app.breaker("dataPlatform", "CLOSED");
            app.prometheus("status=~\"5..\"", "0");
            app.prometheus("histogram_quantile", "0.08");
            app.prometheus("process_cpu_usage", "0.35");
            app.prometheus("http_server_requests_seconds_count{uri!~\"/actuator.*\"}[1m]", "120");
            return app;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A pool whose app publishes no {@code hikaricp.connections.idle} (older Micrometer binders, custom pools). */
    public SpringAppServer poolWithoutIdle(int active, int max, int pending) {
        pool(active, max, pending, 0);
        metrics.remove("hikaricp.connections.idle");
        return this;
    }

    public SpringAppServer pool(int active, int max, int pending, int idle) {
        metrics.put("hikaricp.connections.active", (double) active);
        metrics.put("hikaricp.connections.max", (double) max);
        metrics.put("hikaricp.connections.pending", (double) pending);
        metrics.put("hikaricp.connections.idle", (double) idle);
        return this;
    }

    public SpringAppServer breaker(String name, String state) {
        breakers.put(name, state);
        return this;
    }

    /** The instant-query answer (a vector of one series) for queries containing {@code fragment}; null value: empty vector. */
    public SpringAppServer prometheus(String fragment, String value) {
        promql.put(fragment, value == null ? "" : value);
        return this;
    }

    public SpringAppServer health(String status, String db) {
        this.health = status;
        this.dbHealth = db;
        return this;
    }

    public int requests() {
        return requests.get();
    }

    public List<Post> posts() {
        return List.copyOf(posts);
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (method.equals("POST")) {
                posts.add(new Post(path, exchange.getRequestHeaders().getFirst("Authorization")));
                exchange.getRequestBody().readAllBytes();
                send(exchange, 404, error(path));
                return;
            }
            if (path.equals("/actuator/health")) {
                send(exchange, health.equals("UP") ? 200 : 503, health());
            } else if (path.startsWith("/actuator/metrics/") && metrics.containsKey(path.substring(18))) {
                send(exchange, 200, metric(path.substring(18)));
            } else if (path.equals("/actuator/circuitbreakers")) {
                send(exchange, 200, circuitBreakers());
            } else if (path.equals("/api/v1/query")) {
                send(exchange, 200, query(parameter(exchange.getRequestURI().getRawQuery(), "query")));
            } else if (path.equals("/-/ready")) {
                byte[] body = "Prometheus Server is Ready.\n".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } else {
                send(exchange, 404, error(path));
            }
        }
    }

    private JsonNode health() {
        ObjectNode root = JSON.createObjectNode().put("status", health);
        ObjectNode components = root.putObject("components");
        ObjectNode db = components.putObject("db").put("status", dbHealth);
        db.putObject("details").put("database", "MySQL").put("validationQuery", "isValid()");
        ObjectNode disk = components.putObject("diskSpace").put("status", "UP");
        disk.putObject("details").put("total", 62725623808L).put("free", 31362811904L).put("threshold", 10485760).put("path", "/app/.").put("exists", true);
        components.putObject("ping").put("status", "UP");
        components.putObject("redis").put("status", "UP").putObject("details").put("version", "7.0.15");
        return root;
    }

    /** Spring Boot 3 {@code /actuator/metrics/NAME}: measurements and availableTags. */
    private JsonNode metric(String name) {
        ObjectNode root = JSON.createObjectNode().put("name", name).put("description", "HikariCP " + name.substring(name.lastIndexOf('.') + 1));
        root.putNull("baseUnit");
        root.putArray("measurements").addObject().put("statistic", "VALUE").put("value", metrics.get(name));
        ArrayNode tags = root.putArray("availableTags");
        tags.addObject().put("tag", "pool").putArray("values").add("HikariPool-1");
        return root;
    }

    /** Resilience4j's CircuitBreakerEndpointResponse. */
    private JsonNode circuitBreakers() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode all = root.putObject("circuitBreakers");
        breakers.forEach((name, state) -> {
            boolean open = state.equals("OPEN");
            all.putObject(name).put("failureRate", open ? "62.5%" : "-1.0%").put("slowCallRate", open ? "0.0%" : "-1.0%")
                    .put("failureRateThreshold", "50.0%").put("slowCallRateThreshold", "100.0%")
                    .put("bufferedCalls", open ? 8 : 0).put("failedCalls", open ? 5 : 0).put("slowCalls", 0)
                    .put("slowFailedCalls", 0).put("notPermittedCalls", open ? 12 : 0).put("state", state);
        });
        return root;
    }

    /** Prometheus {@code /api/v1/query}: a vector, or an error for a query it does not know. */
    private JsonNode query(String query) {
        ObjectNode root = JSON.createObjectNode();
        for (Map.Entry<String, String> e : promql.entrySet()) {
            if (query != null && query.contains(e.getKey())) {
                root.put("status", "success");
                ObjectNode data = root.putObject("data").put("resultType", "vector");
                ArrayNode result = data.putArray("result");
                if (!e.getValue().isEmpty()) {
                    ObjectNode series = result.addObject();
                    series.putObject("metric").put("application", "hhplus-app").put("instance", "app:8080");
                    series.putArray("value").add(1763767800.123).add(e.getValue());
                }
                return root;
            }
        }
        root.put("status", "error").put("errorType", "bad_data").put("error", "unknown query in test server: " + query);
        return root;
    }

    private static JsonNode error(String path) {
        return JSON.createObjectNode().put("timestamp", "2026-11-21T22:10:00.000+00:00").put("status", 404)
                .put("error", "Not Found").put("path", path);
    }

    private static String parameter(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
