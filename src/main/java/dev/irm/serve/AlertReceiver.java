package dev.irm.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.irm.support.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * {@code irm serve}: Alertmanager's webhook receiver. {@code POST /alerts} takes a version 4
 * payload, routes each firing alert to a runbook and queues its diagnostics (bounded: a full queue
 * answers 503 so Alertmanager retries); {@code GET /alerts/recent}, {@code /healthz}, {@code /metrics}.
 * Every bad request is one log line and a 4xx, never an exception out of a handler.
 */
public final class AlertReceiver implements AutoCloseable {
    private static final int DEDUP_PRUNE_AT = 10_000;
    private final ServeSettings settings;
    private final RunbookRouter router;
    private final AlertDiagnoser diagnoser;
    private final Consumer<String> log;
    private final ServeMetrics metrics;
    private final SinkDelivery delivery;
    private final ThreadPoolExecutor diagnoses;
    private final ExecutorService requests;
    private final Map<String, Instant> lastAccepted = new ConcurrentHashMap<>();
    private final ConcurrentLinkedDeque<Diagnosis> recent = new ConcurrentLinkedDeque<>();
    private HttpServer server;

    public AlertReceiver(ServeSettings settings, dev.irm.runbook.RunbookCatalog catalog, AlertDiagnoser diagnoser, Consumer<String> log) {
        this.settings = settings;
        this.router = new RunbookRouter(catalog, settings.aliases());
        this.diagnoser = diagnoser;
        this.log = log;
        this.metrics = new ServeMetrics(settings.concurrency());
        this.delivery = new SinkDelivery(settings.sinks(), settings.retries(), metrics, log);
        this.diagnoses = new ThreadPoolExecutor(settings.concurrency(), settings.concurrency(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(settings.queue()), named("irm-serve-diagnosis"), new ThreadPoolExecutor.AbortPolicy());
        this.requests = Executors.newFixedThreadPool(4, named("irm-serve-http"));
    }

    /** Binds and starts answering; returns the bound address (port 0 picks a free one). */
    public InetSocketAddress start() throws IOException {
        // a client that sends its request slowly (or never finishes it) is cut off, not waited for
        System.setProperty("sun.net.httpserver.maxReqTime", System.getProperty("sun.net.httpserver.maxReqTime", "10"));
        System.setProperty("sun.net.httpserver.maxRspTime", System.getProperty("sun.net.httpserver.maxRspTime", "30"));
        server = HttpServer.create(settings.listen(), 64);
        server.setExecutor(requests);
        server.createContext("/", this::handle);
        server.start();
        return server.getAddress();
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            switch (path) {
                case "/alerts" -> {
                    if (!method.equals("POST")) {
                        reply(exchange, 405, "text/plain", "POST only\n", "Allow", "POST");
                    } else {
                        receive(exchange);
                    }
                }
                case "/alerts/recent" -> {
                    if (authorized(exchange, "GET /alerts/recent")) {
                        reply(exchange, 200, "application/json", Json.pretty(List.copyOf(recent)) + "\n");
                    }
                }
                case "/healthz" -> reply(exchange, 200, "text/plain", "ok\n");
                case "/metrics" -> reply(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.exposition(diagnoses.getQueue().size()));
                default -> reply(exchange, 404, "text/plain", "not found\n");
            }
        } catch (IOException e) {
            log.accept(exchange.getRequestMethod() + " " + WebhookPayload.truncate(exchange.getRequestURI().getPath())
                    + ": connection failed: " + e.getClass().getSimpleName());
        } catch (RuntimeException e) {
            log.accept(exchange.getRequestMethod() + " " + WebhookPayload.truncate(exchange.getRequestURI().getPath())
                    + ": internal error: " + dev.irm.support.Failures.describe(e));
            try {
                reply(exchange, 500, "text/plain", "internal error\n");
            } catch (IOException | RuntimeException ignored) {
                // the client is gone
            }
        }
    }

    private void receive(HttpExchange exchange) throws IOException {
        if (!authorized(exchange, "POST /alerts")) {
            return;
        }
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        String mediaType = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json")) {
            refuse(exchange, 415, "content type '" + WebhookPayload.truncate(type == null ? "(none)" : type) + "', expected application/json");
            return;
        }
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null && parseLong(length) > settings.maxBodyBytes()) {
            refuse(exchange, 413, "body of " + WebhookPayload.truncate(length) + " bytes, at most " + settings.maxBodyBytes());
            return;
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(settings.maxBodyBytes() + 1);
        }
        if (body.length > settings.maxBodyBytes()) {
            refuse(exchange, 413, "body over " + settings.maxBodyBytes() + " bytes");
            return;
        }
        List<Alert> alerts;
        try {
            alerts = WebhookPayload.parse(body);
        } catch (WebhookPayload.BadPayload e) {
            refuse(exchange, 400, e.getMessage());
            return;
        }
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        for (Alert alert : alerts) {
            String outcome = take(alert);
            metrics.alert(outcome);
            outcomes.merge(outcome, 1, Integer::sum);
        }
        int status = outcomes.containsKey("rejected") ? 503 : 200;
        metrics.response(status);
        log.accept("POST /alerts " + status + ": " + alerts.size() + " alert(s) " + outcomes
                + (status == 503 ? " — queue full (" + settings.queue() + "), Alertmanager will retry" : ""));
        String answer = Json.line(outcomes) + "\n";
        if (status == 503) {
            reply(exchange, 503, "application/json", answer, "Retry-After", "5");
        } else {
            reply(exchange, 200, "application/json", answer);
        }
    }

    /** What became of one alert: resolved, unrouted, deduplicated, accepted or rejected (queue full). */
    private String take(Alert alert) {
        if (!alert.firing()) {
            return "resolved";
        }
        RunbookRouter.Route route = router.route(alert);
        String who = "alert " + WebhookPayload.truncate(alert.name()) + " (" + WebhookPayload.truncate(alert.fingerprint()) + ")";
        if (route.runbook() == null) {
            log.accept(who + ": not diagnosed: " + String.join("; ", route.notes()));
            return "unrouted";
        }
        if (!route.notes().isEmpty()) {
            log.accept(who + ": " + String.join("; ", route.notes()) + "; using " + route.runbook().id() + " (" + route.matchedBy() + ")");
        }
        Instant now = Instant.now();
        forgetOlderThanTheWindow(now);
        boolean[] fresh = {false};
        lastAccepted.compute(alert.fingerprint(), (fp, last) -> {
            if (last != null && Duration.between(last, now).compareTo(settings.dedupWindow()) < 0) {
                return last;
            }
            fresh[0] = true;
            return now;
        });
        if (!fresh[0]) {
            return "deduplicated";
        }
        try {
            diagnoses.execute(() -> run(alert, route, now));
            return "accepted";
        } catch (RejectedExecutionException e) {
            lastAccepted.remove(alert.fingerprint(), now);
            return "rejected";
        }
    }

    /** Bounds the dedup memory when many distinct fingerprints arrive: entries past the window mean nothing. */
    private void forgetOlderThanTheWindow(Instant now) {
        if (lastAccepted.size() > DEDUP_PRUNE_AT) {
            lastAccepted.values().removeIf(at -> Duration.between(at, now).compareTo(settings.dedupWindow()) >= 0);
        }
    }

    private void run(Alert alert, RunbookRouter.Route route, Instant receivedAt) {
        metrics.started();
        Diagnosis d;
        try {
            d = diagnoser.diagnose(alert, route, receivedAt);
        } catch (RuntimeException e) {
            d = new Diagnosis(alert.fingerprint(), alert.name(), route.runbook().id(), route.matchedBy(), "UNKNOWN", receivedAt,
                    receivedAt, 0, List.of(), route.notes(), null, dev.irm.support.Failures.describe(e), List.of());
        }
        metrics.finished(d);
        recent.addFirst(d);
        while (recent.size() > settings.recent()) {
            recent.pollLast();
        }
        log.accept("alert " + WebhookPayload.truncate(d.alertname()) + " (" + WebhookPayload.truncate(d.fingerprint()) + ") → "
                + d.runbook() + ": " + d.status() + ", " + d.findings().size() + " finding(s), " + d.durationMs() + " ms"
                + (d.error() != null ? ", " + d.error() : "") + (d.notes().isEmpty() ? "" : " [" + String.join("; ", d.notes()) + "]"));
        delivery.deliver(d);
    }

    private boolean authorized(HttpExchange exchange, String what) throws IOException {
        byte[] token = settings.token();
        if (token == null) {
            return true;
        }
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        byte[] given = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).strip().getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (MessageDigest.isEqual(token, given)) {
            return true;
        }
        if (what.startsWith("POST")) {
            metrics.response(401);
        }
        log.accept(what + " 401 from " + exchange.getRemoteAddress().getAddress().getHostAddress() + ": "
                + (header == null ? "no Authorization header" : "wrong bearer token"));
        reply(exchange, 401, "text/plain", "unauthorized\n", "WWW-Authenticate", "Bearer");
        return false;
    }

    private void refuse(HttpExchange exchange, int status, String why) throws IOException {
        metrics.response(status);
        log.accept("POST /alerts " + status + " from " + exchange.getRemoteAddress().getAddress().getHostAddress() + ": " + why);
        reply(exchange, status, "text/plain", why + "\n");
    }

    private static void reply(HttpExchange exchange, int status, String type, String body, String... headers) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            exchange.getResponseHeaders().set(headers[i], headers[i + 1]);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Stops taking alerts, lets running and queued diagnoses finish within {@code grace}, then stops. */
    public void stop(Duration grace) {
        if (server != null) {
            server.stop(0);
        }
        diagnoses.shutdown();
        try {
            if (!diagnoses.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                List<Runnable> dropped = diagnoses.shutdownNow();
                log.accept("stopping: " + dropped.size() + " queued alert(s) not diagnosed (Alertmanager will resend them)");
            }
        } catch (InterruptedException e) {
            diagnoses.shutdownNow();
            Thread.currentThread().interrupt();
        }
        requests.shutdownNow();
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(1));
    }
}
