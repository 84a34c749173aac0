package dev.irm.lab;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Debian's {@code prometheus} on a loopback port with its TSDB under {@code dir}, and the prometheus.yml it reads. */
public final class PrometheusPart {

    private PrometheusPart() {
    }

    public static String binary() {
        return LabHome.binary("prometheus", "prometheus");
    }

    public static List<String> command(String binary, Path config, Path data, int port, String retention) {
        return List.of(binary, "--config.file=" + config, "--storage.tsdb.path=" + data,
                "--web.listen-address=" + Probes.HOST + ":" + port, "--storage.tsdb.retention.time=" + retention,
                "--log.level=warn", "--web.enable-admin-api");
    }

    /** An instant query on the server at {@code port} returns at least one series. */
    static boolean hasSeries(int port, String promql) throws java.io.IOException, InterruptedException {
        java.net.http.HttpResponse<String> r = Probes.HTTP.send(java.net.http.HttpRequest.newBuilder(
                        URI.create("http://" + Probes.HOST + ":" + port + "/api/v1/query?query="
                                + java.net.URLEncoder.encode(promql, java.nio.charset.StandardCharsets.UTF_8)))
                .timeout(java.time.Duration.ofSeconds(2)).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 && dev.irm.support.Json.MAPPER.readTree(r.body()).path("data").path("result").size() > 0;
    }

    /** Scrape jobs, rule files and an Alertmanager: the text of a prometheus.yml. */
    public static final class Config {
        private final List<String> jobs = new ArrayList<>();
        private final List<Path> ruleFiles = new ArrayList<>();
        private String alertmanager;
        private String interval = "1s";

        /** A job scraping {@code hostPort} at {@code metricsPath}, e.g. {@code /actuator/prometheus}. */
        public Config scrape(String job, String hostPort, String metricsPath) {
            jobs.add("  - job_name: '" + job + "'\n    metrics_path: '" + metricsPath + "'\n"
                    + "    static_configs:\n      - targets: ['" + hostPort + "']\n");
            return this;
        }

        public Config ruleFile(Path file) {
            ruleFiles.add(file.toAbsolutePath());
            return this;
        }

        /** e.g. {@code http://127.0.0.1:9093}. */
        public Config alertmanager(String url) {
            alertmanager = URI.create(url).getAuthority();
            return this;
        }

        public Config interval(String promDuration) {
            interval = promDuration;
            return this;
        }

        public String text() {
            StringBuilder y = new StringBuilder("global:\n  scrape_interval: " + interval + "\n  scrape_timeout: " + interval
                    + "\n  evaluation_interval: " + interval + "\n");
            if (!ruleFiles.isEmpty()) {
                y.append("rule_files:\n");
                ruleFiles.forEach(f -> y.append("  - '").append(f).append("'\n"));
            }
            if (alertmanager != null) {
                y.append("alerting:\n  alertmanagers:\n    - static_configs:\n        - targets: ['").append(alertmanager).append("']\n");
            }
            y.append("scrape_configs:\n");
            jobs.forEach(y::append);
            return y.toString();
        }
    }
}
