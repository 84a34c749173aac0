package dev.irm.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.irm.lab.PrometheusPart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code prometheus} (2.x) on a free loopback port with a temporary TSDB, scraping the
 * given jobs every second. Optional rule files (evaluated every second) and an Alertmanager URL
 * for tests of alerting. Before any {@code rate()} a test waits for fresh samples with
 * {@link #awaitScrapes}.
 */
public final class PrometheusServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ManagedProcess process;
    private final int port;

    private PrometheusServer(ManagedProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A server from a whole prometheus.yml; {@code rules}, if not null, is written to rules.yml beside
     * it (so the config can say {@code rule_files: [rules.yml]}).
     */
    public static PrometheusServer start(String config, String rules) throws IOException {
        return launch(dir -> {
            if (rules != null) {
                Files.writeString(dir.resolve("rules.yml"), rules);
            }
            return config;
        });
    }

    private interface ConfigWriter {
        String configIn(Path dir) throws IOException;
    }

    private static PrometheusServer launch(ConfigWriter writer) throws IOException {
        String binary = ManagedProcess.which("prometheus", "/usr/bin", "/usr/sbin");
        for (int attempt = 1; ; attempt++) {
            ManagedProcess mp = ManagedProcess.inTempDir("prometheus", "prometheus.log");
            int port = FreePorts.next();
            Path config = mp.dir().resolve("prometheus.yml");
            Files.writeString(config, writer.configIn(mp.dir()));
            try {
                mp.start(PrometheusPart.command(binary, config, mp.dir().resolve("data"), port, "1h"));
                PrometheusServer server = new PrometheusServer(mp, port);
                mp.awaitReady(ManagedProcess.START_TIMEOUT, () -> server.httpGet("/-/ready").statusCode() == 200);
                return server;
            } catch (RuntimeException e) {
                boolean portTaken = mp.logContains("address already in use");
                mp.close();
                if (!portTaken || attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /** Scrape jobs, rule files and an Alertmanager; {@link #start()} writes prometheus.yml and starts the server. */
    public static final class Builder {
        private final PrometheusPart.Config config = new PrometheusPart.Config();

        /** A job scraping {@code hostPort} at {@code metricsPath}, e.g. {@code /actuator/prometheus}. */
        public Builder scrape(String job, String hostPort, String metricsPath) {
            config.scrape(job, hostPort, metricsPath);
            return this;
        }

        public Builder ruleFile(Path file) {
            config.ruleFile(file);
            return this;
        }

        /** e.g. {@code http://127.0.0.1:9093}. */
        public Builder alertmanager(String url) {
            config.alertmanager(url);
            return this;
        }

        public Builder interval(String promDuration) {
            config.interval(promDuration);
            return this;
        }

        public PrometheusServer start() throws IOException {
            return launch(dir -> config.text());
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Waits until {@code job} has been scraped successfully {@code n} more times from now (so rate() sees new samples). */
    public void awaitScrapes(String job, int n) {
        double since = System.currentTimeMillis() / 1000.0;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (scrapedAfter(job, since) >= n) {
                return;
            }
            ManagedProcess.sleep(200);
        }
        throw new IllegalStateException("prometheus did not scrape " + job + " " + n + " times within 30 s\n" + process.logTail(30));
    }

    /** How many successful scrapes of {@code job} Prometheus has stored since the epoch second {@code since}. */
    private int scrapedAfter(String job, double since) {
        JsonNode result = query("up{job=\"" + job + "\"}[30s]").path("data").path("result");
        int n = 0;
        for (JsonNode series : result) {
            for (JsonNode sample : series.path("values")) {
                if (sample.path(0).asDouble() > since && "1".equals(sample.path(1).asText())) {
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * Forgets every sample of the series matching {@code matcher} (TSDB admin API), so a test's
     * rate() sees only what happens after it; then waits for two new scrapes of {@code job}.
     */
    public void forget(String matcher, String job) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/api/v1/admin/tsdb/delete_series?match[]="
                    + URLEncoder.encode(matcher, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(5))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException("delete_series " + matcher + ": HTTP " + r.statusCode() + " " + r.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        awaitScrapes(job, 2);
    }

    /** An instant query; the parsed API answer. */
    public JsonNode query(String promql) {
        HttpResponse<String> r = httpGet("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> httpGet(String pathAndQuery) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url() + pathAndQuery)).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The {@code data.result} of an instant query that must succeed. */
    public JsonNode result(String promql) {
        JsonNode body = query(promql);
        if (!"success".equals(body.path("status").asText())) {
            throw new IllegalStateException("query " + promql + " failed: " + body);
        }
        return body.path("data").path("result");
    }

    /** Polls an instant query until it returns at least one series (bounded; liveness only). */
    public JsonNode awaitSeries(String promql, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (true) {
            JsonNode result = result(promql);
            if (result.size() > 0) {
                return result;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no series for " + promql + " within " + atMost.toSeconds() + " s; targets: "
                        + httpGet("/api/v1/targets").body() + "\n" + process.logTail(20));
            }
            ManagedProcess.sleep(200);
        }
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

    public String logTail() {
        return process.logTail(40);
    }

    @Override
    public void close() {
        process.close();
    }
}
