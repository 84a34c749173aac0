package dev.irm.lab;

import dev.irm.support.IrmException;
import dev.irm.support.ExitCode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The reference app's fault switches ({@code POST /lab/faults/...}, lab profile, loopback callers only;
 * lab/hhplus-app/README.md) and the plain requests a fault sends to make itself felt. The lab's faults
 * and the tests' fixture both switch the app through this class.
 */
public final class AppFaultSwitches {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** Taking pool connections can wait for Hikari's connection-timeout (30 s). */
    private static final Duration SWITCH_TIMEOUT = Duration.ofSeconds(40);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private final String appUrl;

    public AppFaultSwitches(String appUrl) {
        this.appUrl = appUrl.endsWith("/") ? appUrl.substring(0, appUrl.length() - 1) : appUrl;
    }

    /** POST {@code /lab/faults + pathAndQuery}; an IrmException unless the app answers 2xx. Returns the body. */
    public String fault(String pathAndQuery) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(appUrl + "/lab/faults" + pathAndQuery))
                .timeout(SWITCH_TIMEOUT).POST(HttpRequest.BodyPublishers.noBody()).build());
        if (r.statusCode() / 100 != 2) {
            throw new IrmException(ExitCode.UNKNOWN, "the app's fault switch /lab/faults" + pathAndQuery + " answered HTTP " + r.statusCode()
                    + (r.statusCode() == 404 ? " (is the app running with the lab profile?)" : ""));
        }
        return r.body();
    }

    /**
     * Holds {@code n} more pool connections and waits (at most 10 s) until the app's own metric shows at
     * least that many active: HikariCP caches its pool statistics for a second.
     */
    public void holdConnections(int n) {
        fault("/pool/hold?connections=" + n);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (activeConnections() < n) {
            if (System.nanoTime() > deadline) {
                throw new IrmException(ExitCode.UNKNOWN, "hikaricp.connections.active never reached " + n);
            }
            pause(100);
        }
    }

    /** The value of an actuator metric ({@code /actuator/metrics/NAME}), -1 when the app does not answer it. */
    public double metric(String name) {
        HttpResponse<String> r = get("/actuator/metrics/" + name);
        if (r.statusCode() != 200) {
            return -1;
        }
        try {
            com.fasterxml.jackson.databind.JsonNode value = dev.irm.support.Json.MAPPER.readTree(r.body())
                    .path("measurements").path(0).path("value");
            return value.isNumber() ? value.asDouble() : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    private double activeConnections() {
        return metric("hikaricp.connections.active");
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(appUrl + path)).timeout(REQUEST_TIMEOUT).GET().build());
    }

    public HttpResponse<String> post(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(appUrl + pathAndQuery)).timeout(REQUEST_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    public String url() {
        return appUrl;
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IrmException(ExitCode.UNKNOWN, "the lab's app at " + request.uri().getAuthority() + " does not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IrmException(ExitCode.UNKNOWN, "interrupted", e);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IrmException(ExitCode.UNKNOWN, "interrupted", e);
        }
    }
}
