package dev.irm.lab.faults;

import dev.irm.lab.AppContainer;
import dev.irm.lab.AppFaultSwitches;
import dev.irm.lab.AppPart;
import dev.irm.lab.LabEndpoints;
import dev.irm.lab.LabProcess;
import dev.irm.lab.LabState;
import dev.irm.support.ExitCode;
import dev.irm.support.IrmException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * What a fault reaches the lab's parts with: the app's switches, and write clients (lab code, not the
 * read-only connectors) for Redis, MariaDB, Kafka and Prometheus, each with timeouts.
 */
public final class LabAccess {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final int TIMEOUT_MS = 3000;
    private final LabEndpoints endpoints;

    public LabAccess(LabEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    public LabEndpoints endpoints() {
        return endpoints;
    }

    public AppFaultSwitches app() {
        return new AppFaultSwitches(require(endpoints.appUrl(), "the app"));
    }

    public Jedis redis() {
        URI uri = URI.create(require(endpoints.redisUrl(), "Redis"));
        return new Jedis(new HostAndPort(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 6379),
                DefaultJedisClientConfig.builder().connectionTimeoutMillis(TIMEOUT_MS).socketTimeoutMillis(TIMEOUT_MS).build());
    }

    /** host:port of Redis, as its listening socket is looked up. */
    public URI redisAddress() {
        return URI.create(require(endpoints.redisUrl(), "Redis"));
    }

    /** A connection to the app's database (the lab's MariaDB has no root password). */
    public Connection database() throws SQLException {
        String url = require(endpoints.mysqlUrl(), "MariaDB");
        String jdbc = url.startsWith("jdbc:") ? url : "jdbc:" + url;
        if (URI.create(jdbc.substring("jdbc:".length())).getPath().replace("/", "").isEmpty()) {
            jdbc = (jdbc.endsWith("/") ? jdbc : jdbc + "/") + AppPart.DATABASE;
        }
        Properties p = new Properties();
        p.setProperty("user", endpoints.mysqlUser() == null ? "root" : endpoints.mysqlUser());
        p.setProperty("password", "");
        p.setProperty("connectTimeout", String.valueOf(TIMEOUT_MS));
        p.setProperty("socketTimeout", "10000");
        return DriverManager.getConnection(jdbc, p);
    }

    public Admin kafka() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000));
    }

    public String kafkaBootstrap() {
        return require(endpoints.kafkaBootstrap(), "Kafka (the lab was started --without kafka)");
    }

    /**
     * Forgets Prometheus' samples of the app's request series (TSDB admin API), so that rates over
     * the last minutes start afresh once a fault is healed instead of showing it for five more minutes.
     */
    public void forgetRequestSeries() {
        if (endpoints.prometheusUrl() == null) {
            return;
        }
        String match = URLEncoder.encode("{__name__=~\"http_server_requests.*\"}", StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoints.prometheusUrl() + "/api/v1/admin/tsdb/delete_series?match[]=" + match))
                .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IrmException(ExitCode.UNKNOWN, "Prometheus would not forget the fault's requests (HTTP " + r.statusCode()
                        + "; its admin API must be on): rates show the fault for 5 more minutes");
            }
        } catch (IOException e) {
            throw new IrmException(ExitCode.UNKNOWN, "Prometheus does not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IrmException(ExitCode.UNKNOWN, "interrupted", e);
        }
    }

    /** Whether the app runs as the container of the lab's engine (else as a process with its own log file). */
    public boolean appInContainer() {
        return endpoints.appContainer() != null;
    }

    /** The process lab up recorded for {@code part} (a {@code Lab} part name), if it still runs. */
    public java.util.Optional<ProcessHandle> partProcess(String part) {
        return LabState.read(endpoints.stateDir()).flatMap(s -> s.part(part)).flatMap(p -> LabProcess.find(p.pid(), p.startedAt()));
    }

    /** Whether the kernel has OOM-killed the app's container; false when the app runs as a process. */
    public boolean appOomKilled() {
        return appInContainer() && AppContainer.oomKilled(endpoints);
    }

    /**
     * What a healed fault left in the app's logs (and, in a container, in its state: OOMKilled, restarts) leaves the
     * checks' windows: the container is created again as lab up created it, waiting until the app answers (bounded);
     * a process's log is rotated.
     */
    public void freshAppLogs() {
        if (appInContainer()) {
            try {
                AppContainer.recreate(endpoints);
            } catch (RuntimeException e) {
                throw new IrmException(ExitCode.UNKNOWN, "cannot start the app's container again: " + e.getMessage(), e);
            }
        } else {
            rotateAppLog();
        }
    }

    /**
     * Rotates the app's log as logrotate's copytruncate does (copy to {@code .1}, then truncate: the app
     * keeps appending to the same open file), so that a healed fault's lines leave the log scans' window.
     */
    private void rotateAppLog() {
        Path log = endpoints.appLog();
        if (log == null || !Files.exists(log)) {
            return;
        }
        try {
            Files.copy(log, log.resolveSibling(log.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
            Files.newByteChannel(log, StandardOpenOption.WRITE).truncate(0).close();
        } catch (IOException e) {
            throw new IrmException(ExitCode.UNKNOWN, "cannot rotate the app's log " + log + ": " + e.getMessage(), e);
        }
    }

    /**
     * Redis' INFO stats counted afresh (CONFIG RESETSTAT) after a heal: the misses of a fault (and of the
     * diagnoses meanwhile) would keep the since-start hit ratio down, and a stopped Redis leaves rejected
     * connections behind. Best effort: a Redis that does not answer is the next diagnose's finding.
     */
    public void freshRedisStats() {
        if (endpoints.redisUrl() == null) {
            return;
        }
        try (Jedis redis = redis()) {
            redis.configResetStat();
        } catch (RuntimeException e) {
            // reported by the next diagnose, not by heal
        }
    }

    /** Whether the app's log file holds {@code text}; false when the app logs elsewhere (a container). */
    public boolean appLogContains(String text) {
        Path log = endpoints.appLog();
        try {
            return log != null && Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(text);
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    /** The first value of a Prometheus instant query, NaN when it has none (or Prometheus is not part of the lab). */
    public double prometheusValue(String query) {
        if (endpoints.prometheusUrl() == null) {
            return Double.NaN;
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoints.prometheusUrl() + "/api/v1/query?query="
                + URLEncoder.encode(query, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(5)).GET().build();
        try {
            String body = HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
            com.fasterxml.jackson.databind.JsonNode value = dev.irm.support.Json.MAPPER.readTree(body)
                    .path("data").path("result").path(0).path("value").path(1);
            return value.isTextual() ? Double.parseDouble(value.asText()) : Double.NaN;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IrmException(ExitCode.UNKNOWN, "interrupted", e);
        }
    }

    /** Polls {@code condition} every 200 ms until it holds; an IrmException naming {@code what} after {@code limit}. */
    public static void await(String what, Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IrmException(ExitCode.UNKNOWN, what + " did not happen within " + limit.toSeconds() + " s");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IrmException(ExitCode.UNKNOWN, "interrupted", e);
            }
        }
    }

    private static String require(String value, String part) {
        if (value == null) {
            throw IrmException.usage("the lab has no " + part + " running");
        }
        return value;
    }
}
