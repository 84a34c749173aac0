package dev.irm.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.render.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A private Debian {@code prometheus} on a free loopback port with the test's own config; and {@code promtool}. */
public final class PrometheusServer implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ManagedProcess process;
    private final int port;

    private PrometheusServer(ManagedProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** {@code config} is the YAML of prometheus.yml; {@code rules}, if not null, is written to rules.yml beside it. */
    public static PrometheusServer start(String config, String rules) throws IOException {
        String binary = ManagedProcess.which("prometheus", "/usr/bin");
        for (int attempt = 1; ; attempt++) {
            ManagedProcess mp = ManagedProcess.inTempDir("prometheus", "prometheus.log");
            int port = FreePorts.next();
            Files.writeString(mp.dir().resolve("prometheus.yml"), config);
            if (rules != null) {
                Files.writeString(mp.dir().resolve("rules.yml"), rules);
            }
            try {
                mp.start(List.of(binary, "--config.file=" + mp.dir().resolve("prometheus.yml"),
                        "--storage.tsdb.path=" + mp.dir().resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                        "--log.level=warn"));
                mp.awaitReady(ManagedProcess.START_TIMEOUT, () -> get(port, "/-/ready").statusCode() == 200);
                return new PrometheusServer(mp, port);
            } catch (RuntimeException | IOException e) {
                boolean portTaken = mp.logContains("address already in use");
                mp.close();
                if (!portTaken || attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The {@code data.result} of an instant query. */
    public JsonNode query(String promql) throws IOException, InterruptedException {
        HttpResponse<String> r = get(port, "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        JsonNode body = Json.MAPPER.readTree(r.body());
        if (!"success".equals(body.path("status").asText())) {
            throw new IllegalStateException("query " + promql + " failed: " + r.body());
        }
        return body.path("data").path("result");
    }

    /** Polls an instant query until it returns at least one series (bounded; liveness only). */
    public JsonNode awaitSeries(String promql, Duration atMost) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (true) {
            JsonNode result = query(promql);
            if (result.size() > 0) {
                return result;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no series for " + promql + " within " + atMost.toSeconds() + " s; targets: "
                        + get(port, "/api/v1/targets").body() + "\n" + process.logTail(20));
            }
            Thread.sleep(200);
        }
    }

    public int port() {
        return port;
    }

    public String logTail() {
        return process.logTail(40);
    }

    /** {@code promtool check metrics} on the given exposition text (it reads stdin). */
    public static CommandResult checkMetrics(String exposition) throws IOException, InterruptedException {
        Path input = Files.createTempFile("irm-metrics", ".prom");
        try {
            Files.writeString(input, exposition);
            Process p = new ProcessBuilder(ManagedProcess.which("promtool", "/usr/bin"), "check", "metrics")
                    .redirectInput(input.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.PIPE).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("promtool check metrics did not finish");
            }
            return new CommandResult(p.exitValue(), out, "");
        } finally {
            Files.deleteIfExists(input);
        }
    }

    @Override
    public void close() {
        process.close();
    }

}
