package dev.irm.connector.http;

import dev.irm.connector.Args;
import dev.irm.connector.Connector;
import dev.irm.connector.Consent;
import dev.irm.connector.Observation;
import dev.irm.connector.Preview;
import java.net.http.HttpClient;
import java.time.Duration;

/** The app and Prometheus over HTTP. Reads go through {@link ReadOnlyHttp} (GET only); the one write is a consented POST. */
final class HttpConnector implements Connector {
    private final HttpClient client;
    private final ReadOnlyHttp reads;
    private final Duration timeout;

    HttpConnector(HttpClient client, ReadOnlyHttp reads, Duration timeout) {
        this.client = client;
        this.reads = reads;
        this.timeout = timeout;
    }

    @Override
    public String endpoint() {
        return reads.endpoints().toString();
    }

    @Override
    public Observation read(String action, Args args) {
        return switch (action) {
            case "health" -> HttpReads.health(reads);
            case "actuator-metric" -> HttpReads.actuatorMetric(reads, args);
            case "hikari" -> PoolReads.hikari(reads, args);
            case "circuit-breakers" -> BreakerReads.circuitBreakers(reads);
            case "prometheus-query" -> HttpReads.prometheusQuery(reads, args);
            case "get-json" -> HttpReads.getJson(reads, args);
            default -> throw new IllegalArgumentException("http has no read action '" + action + "'");
        };
    }

    @Override
    public Preview preview(String action, Args args) {
        if (!"post".equals(action)) {
            throw new IllegalArgumentException("http has no write action '" + action + "'");
        }
        return HttpWrites.previewPost(reads.endpoints(), args);
    }

    @Override
    public Observation write(String action, Args args, Consent consent) {
        if (!"post".equals(action)) {
            throw new IllegalArgumentException("http has no write action '" + action + "'");
        }
        return HttpWrites.post(client, reads.endpoints(), timeout, args, consent);
    }

    @Override
    public void close() {
        // java.net.http.HttpClient on Java 17 has no close(); its threads are daemons and idle connections time out
    }
}
