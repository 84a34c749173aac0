package dev.irm.connector.http;

import dev.irm.connector.DeclaredConnector;
import java.net.http.HttpClient;
import java.time.Duration;

/** The app and Prometheus over HTTP. Reads go through {@link ReadOnlyHttp} (GET only); the one write is a consented POST. */
final class HttpConnector extends DeclaredConnector<ReadOnlyHttp, HttpConnector.Writer> {
    /** What a consented write gets: the client that may POST, where to and how long to wait. */
    record Writer(HttpClient client, HttpEndpoints endpoints, Duration timeout) {
    }

    HttpConnector(HttpClient client, ReadOnlyHttp reads, Duration timeout) {
        super(HttpConnectorFactory.ACTIONS, reads, new Writer(client, reads.endpoints(), timeout));
    }

    @Override
    public String endpoint() {
        return session().endpoints().toString();
    }

    @Override
    public void close() {
        // java.net.http.HttpClient on Java 17 has no close(); its threads are daemons and idle connections time out
    }
}
