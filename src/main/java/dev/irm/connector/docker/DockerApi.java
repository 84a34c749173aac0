package dev.irm.connector.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.irm.support.Json;
import dev.irm.support.Workers;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * The Docker Engine API over docker-java's httpclient5 transport. Socket timeouts do nothing on a
 * unix socket, so every call runs under a hard deadline; a call that misses it closes the client,
 * which unblocks the stuck thread, and the connector is broken from then on.
 */
final class DockerApi implements AutoCloseable {
    private final DockerHttpClient http;
    private final Duration timeout;
    private volatile boolean broken;

    DockerApi(DockerHttpClient http, Duration timeout) {
        this.http = http;
        this.timeout = timeout;
    }

    Duration timeout() {
        return timeout;
    }

    JsonNode get(String path) throws Exception {
        return get(path, timeout);
    }

    JsonNode get(String path, Duration deadline) throws Exception {
        byte[] body = call("GET", path, deadline);
        return body.length == 0 ? Json.MAPPER.nullNode() : Json.MAPPER.readTree(body);
    }

    byte[] raw(String path, Duration deadline) throws Exception {
        return call("GET", path, deadline);
    }

    /** Only {@link DockerWrites} calls this, and only with a consent in hand. */
    void post(String path, Duration deadline) throws Exception {
        call("POST", path, deadline);
    }

    private byte[] call(String method, String path, Duration deadline) throws Exception {
        if (broken) {
            throw new IllegalStateException("the Docker engine stopped answering earlier in this command");
        }
        Callable<byte[]> request = () -> {
            DockerHttpClient.Request req = DockerHttpClient.Request.builder().method(method).path(path).build();
            try (DockerHttpClient.Response resp = http.execute(req); InputStream in = resp.getBody()) {
                byte[] body = in == null ? new byte[0] : in.readAllBytes();
                int code = resp.getStatusCode();
                if (code >= 300 && code != 304) {
                    throw new IllegalStateException("Docker API " + method + " " + path.replaceAll("\\?.*", "") + ": HTTP " + code
                            + " " + message(body));
                }
                return body;
            }
        };
        try {
            return Workers.withinPeerTime(deadline, request);
        } catch (Workers.DeadlineExceededException e) {
            broken = true;
            close();
            throw e;
        }
    }

    private static String message(byte[] body) {
        try {
            return Json.MAPPER.readTree(body).path("message").asText("");
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        try {
            http.close();
        } catch (IOException | RuntimeException ignored) {
            // closing only unblocks and releases
        }
    }
}
