package dev.irm.connector.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The only door diagnostics have to the app and Prometheus: GET requests to checked paths under
 * the configured base URLs, each with the per-call timeout, never with the admin token.
 */
final class ReadOnlyHttp {
    static final ObjectMapper JSON = new ObjectMapper();

    /** Status, parsed JSON body (null when the body is not JSON) and round-trip time. */
    record Response(int status, JsonNode json, long millis) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** The request was sent but no answer came within the call timeout (the peer is there, but slow). */
    static final class NoAnswer extends IllegalStateException {
        NoAnswer(String message) {
            super(message);
        }
    }

    private final HttpClient client;
    private final HttpEndpoints endpoints;
    private final Duration timeout;
    private volatile String prometheusDown;

    ReadOnlyHttp(HttpClient client, HttpEndpoints endpoints, Duration timeout) {
        this.client = client;
        this.endpoints = endpoints;
        this.timeout = timeout;
    }

    HttpEndpoints endpoints() {
        return endpoints;
    }

    long timeoutMillis() {
        return timeout.toMillis();
    }

    /** Whether Prometheus is known not to answer (then its queries fail at once). */
    boolean prometheusKnownDown() {
        return prometheusDown != null;
    }

    /** GET {@code app + path}; the path must pass {@link AppPaths#check}. */
    Response app(String path) {
        return app(path, null);
    }

    /** GET {@code app + path + ?query}; the query is built by irm from encoded parameters, never taken as text. */
    Response app(String path, String encodedQuery) {
        AppPaths.check(path);
        String full = encodedQuery == null || encodedQuery.isEmpty() ? path : path + "?" + encodedQuery;
        return get(HttpEndpoints.at(endpoints.app(), full), "app at " + endpoints.appShown());
    }

    /** An instant query, the query sent as one URL-encoded parameter. */
    Response prometheusQuery(String query) {
        if (prometheusDown != null) {
            throw new IllegalStateException(prometheusDown);
        }
        String path = "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
        return get(HttpEndpoints.at(endpoints.prometheus(), path), "prometheus at " + endpoints.prometheusShown());
    }

    /**
     * Whether Prometheus answers at all, asked without blocking; the cause is remembered so later
     * queries fail at once instead of each waiting out the timeout.
     */
    CompletableFuture<Void> probePrometheus() {
        String where = "prometheus at " + endpoints.prometheusShown();
        HttpRequest request = HttpRequest.newBuilder(HttpEndpoints.at(endpoints.prometheus(), "/-/ready")).GET().timeout(timeout).build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, error) -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                prometheusDown = where + ": " + (cause instanceof IOException io ? cause(io, timeout) : cause.getClass().getSimpleName());
            }
            return null;
        });
    }

    /** Marks Prometheus as not answering (its probe outlived the deadline). */
    void prometheusDown(String why) {
        prometheusDown = "prometheus at " + endpoints.prometheusShown() + ": " + why;
    }

    private Response get(URI uri, String where) {
        HttpRequest request = HttpRequest.newBuilder(uri).GET().timeout(timeout)
                .header("Accept", "application/json").build();
        long started = System.nanoTime();
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(where + ": interrupted");
        } catch (HttpTimeoutException e) {
            if (e instanceof HttpConnectTimeoutException) {
                throw new IllegalStateException(where + ": " + cause(e, timeout));
            }
            throw new NoAnswer(where + ": " + cause(e, timeout));
        } catch (IOException e) {
            throw new IllegalStateException(where + ": " + cause(e, timeout));
        }
        return new Response(response.statusCode(), parse(response.body()), (System.nanoTime() - started) / 1_000_000);
    }

    private static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            return null;
        }
    }

    /** A short cause: connection refused, timeout after N ms, unknown host, or the I/O message. */
    static String cause(IOException e, Duration timeout) {
        if (e instanceof HttpConnectTimeoutException || e instanceof HttpTimeoutException) {
            return "timeout after " + timeout.toMillis() + " ms";
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return "connection refused";
            }
            if (t instanceof java.nio.channels.UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
                return "unknown host";
            }
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
