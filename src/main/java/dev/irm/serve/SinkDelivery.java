package dev.irm.serve;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Posts a diagnosis to every sink: each request under a timeout, retried on a network error, 429
 * or 5xx with doubling backoff, at most {@code retries} times; other 4xx are not retried.
 */
final class SinkDelivery {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);
    private static final long FIRST_BACKOFF_MS = 200;
    private static final long MAX_BACKOFF_MS = 3_000;
    private final List<Sink> sinks;
    private final int retries;
    private final ServeMetrics metrics;
    private final Consumer<String> log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    SinkDelivery(List<Sink> sinks, int retries, ServeMetrics metrics, Consumer<String> log) {
        this.sinks = sinks;
        this.retries = retries;
        this.metrics = metrics;
        this.log = log;
    }

    void deliver(Diagnosis diagnosis) {
        for (Sink sink : sinks) {
            String outcome = send(sink, diagnosis);
            metrics.delivered(sink.name(), outcome.equals("delivered"));
            if (!outcome.equals("delivered")) {
                log.accept("sink " + sink.name() + ": " + diagnosis.runbook() + " for " + diagnosis.fingerprint() + " not delivered: " + outcome);
            }
        }
    }

    private String send(Sink sink, Diagnosis diagnosis) {
        HttpRequest request = HttpRequest.newBuilder(sink.url()).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(sink.body(diagnosis))).build();
        String last = "not sent";
        long backoff = FIRST_BACKOFF_MS;
        for (int attempt = 0; attempt <= retries; attempt++) {
            if (attempt > 0) {
                if (!pause(backoff)) {
                    return last + " (interrupted)";
                }
                backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
            }
            try {
                int code = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (code / 100 == 2) {
                    return "delivered";
                }
                last = "HTTP " + code;
                if (code / 100 == 4 && code != 429) {
                    return last + " (not retried)";
                }
            } catch (java.io.IOException e) {
                last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return last + " (interrupted)";
            }
        }
        return last + " after " + (retries + 1) + " attempts";
    }

    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
