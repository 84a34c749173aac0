package dev.irm.testing;

import dev.irm.lab.AlertmanagerPart;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;

/** A private Debian {@code prometheus-alertmanager} (no clustering) on a free loopback port with the test's config. */
public final class AlertmanagerServer implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ManagedProcess process;
    private final int port;

    private AlertmanagerServer(ManagedProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    public static AlertmanagerServer start(String config) throws IOException {
        String binary = ManagedProcess.which("prometheus-alertmanager", "/usr/bin");
        for (int attempt = 1; ; attempt++) {
            ManagedProcess mp = ManagedProcess.inTempDir("alertmanager", "alertmanager.log");
            int port = FreePorts.next();
            Files.writeString(mp.dir().resolve("alertmanager.yml"), config);
            try {
                mp.start(AlertmanagerPart.command(binary, mp.dir().resolve("alertmanager.yml"), mp.dir().resolve("data"), port));
                mp.awaitReady(ManagedProcess.START_TIMEOUT, () -> HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/-/ready")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
                return new AlertmanagerServer(mp, port);
            } catch (RuntimeException | IOException e) {
                boolean portTaken = mp.logContains("address already in use");
                mp.close();
                if (!portTaken || attempt == 3) {
                    throw e;
                }
            }
        }
    }

    public String hostPort() {
        return "127.0.0.1:" + port;
    }

    /** Posts alerts the way Prometheus does: {@code POST /api/v2/alerts} with a JSON array. */
    public void postAlerts(String jsonArray) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v2/alerts"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonArray)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("alertmanager answered " + r.statusCode() + ": " + r.body());
        }
    }

    public String logTail() {
        return process.logTail(40);
    }

    @Override
    public void close() {
        process.close();
    }
}
