package dev.irm.connector.http;

import java.io.IOException;
import dev.irm.connector.TrainingPeer;
import java.util.Map;
import java.nio.file.Path;
import dev.irm.connector.ConnectionSetting;
import dev.irm.connector.Actions;
import dev.irm.connector.Risk;
import dev.irm.connector.Connector;
import dev.irm.connector.BaseConnectorFactory;
import dev.irm.connector.Param;
import dev.irm.connector.ParamType;
import dev.irm.connector.Secrets;
import dev.irm.connector.TargetSettings;
import dev.irm.connector.TargetUnreachableException;
import java.net.http.HttpClient;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The app's actuator and Prometheus through the JDK's HttpClient. The target is reachable when
 * the app answers {@code GET /actuator} with any HTTP status (404 is an answer too). The probe is
 * not {@code /actuator/health}: Spring Boot's health waits for a pool connection (up to Hikari's
 * connection-timeout, 30 s by default) when the pool is exhausted or the database is down, and that
 * is a finding about health ({@code http.health}, read once), not an unreachable app.
 * Prometheus alone does not make it reachable, because a dead app is the outage itself. A
 * Prometheus that does not answer leaves the app checks running and makes Prometheus checks
 * UNKNOWN with its cause.
 */
public final class HttpConnectorFactory extends BaseConnectorFactory {
    private static final String T = "http";
    private static final List<ConnectionSetting> SETTINGS = List.of(
            ConnectionSetting.of("app").option("URL", "Application base URL (actuator).", "--app")
                    .env("IRM_APP_URL").defaultValue(HttpEndpoints.DEFAULT_APP),
            ConnectionSetting.of("prometheus").option("URL", "Prometheus base URL.", "--prometheus")
                    .env("IRM_PROMETHEUS_URL").defaultValue(HttpEndpoints.DEFAULT_PROMETHEUS),
            ConnectionSetting.of("token").env("IRM_ADMIN_TOKEN").asSecret());
    static final Actions<ReadOnlyHttp, HttpConnector.Writer> ACTIONS = Actions.<ReadOnlyHttp, HttpConnector.Writer>of(T)
            .read("health", "GET /actuator/health: status, components, answered (false: no answer within the timeout)",
                    (http, a) -> HttpReads.health(http))
            .read("actuator-metric", "GET /actuator/metrics/NAME: one statistic as value", HttpReads::actuatorMetric,
                    Param.required("name", "metric name, e.g. hikaricp.connections.active").checkedBy(AppPaths::metricName),
                    Param.optional("tags", "KEY:VALUE filters (list)").as(ParamType.LIST).checkedBy(HttpConnectorFactory::tags),
                    Param.optional("statistic", "VALUE (default), COUNT, TOTAL_TIME, MAX, ..."))
            .read("hikari", "HikariCP active, max, pending, idle, active_pct (actuator metrics, else Prometheus); exists, source, why",
                    PoolReads::hikari, Param.optional("pool", "pool name tag, e.g. HikariPool-1"))
            .read("circuit-breakers", "Resilience4j breakers (/actuator/circuitbreakers, else Prometheus): open, half_open, source, why; rows",
                    (http, a) -> BreakerReads.circuitBreakers(http))
            .read("prometheus-query", "Prometheus instant query: value of the first series, series count; rows", HttpReads::prometheusQuery,
                    Param.required("query", "PromQL, sent as one URL-encoded parameter"))
            .read("get-json", "GET an app path and extract one value with a JSON pointer", HttpReads::getJson,
                    Param.required("path", "app path, e.g. /actuator/info").checkedBy(AppPaths::check),
                    Param.optional("pointer", "JSON pointer, e.g. /build/version (default: the whole body)"))
            .write("post", Risk.MEDIUM, "POST to an app path with Authorization: Bearer from IRM_ADMIN_TOKEN",
                    (http, a) -> HttpWrites.previewPost(http.endpoints(), a),
                    (w, a, consent) -> HttpWrites.post(w.client(), w.endpoints(), w.timeout(), a, consent),
                    Param.required("path", "app path, e.g. /admin/queue/activate").checkedBy(AppPaths::check));

    public HttpConnectorFactory() {
        super(T, 60, SETTINGS, ACTIONS.specs());
    }

    @Override
    public Map<String, String> trainingSettings(String closedHostPort, Path scratch) {
        return Map.of("app", "http://" + closedHostPort, "prometheus", "http://" + closedHostPort);
    }

    @Override
    public TrainingPeer trainingPeer(Path scratch) throws IOException {
        return new HttpTrainingPeer();
    }

    @Override
    public String describe(TargetSettings settings) {
        try {
            return HttpEndpoints.of(settings).toString();
        } catch (IllegalArgumentException e) {
            return "app " + Secrets.maskUrl(settings.get("app", HttpEndpoints.DEFAULT_APP));
        }
    }

    /** A dead app shows up to users as errors first: error-surge starts with "recent rollout? roll back". */
    @Override
    public String unreachableRunbook(TargetUnreachableException cause) {
        return "error-surge";
    }

    @Override
    public Connector open(TargetSettings settings) throws TargetUnreachableException {
        HttpEndpoints endpoints;
        try {
            endpoints = HttpEndpoints.of(settings);
        } catch (IllegalArgumentException e) {
            throw new TargetUnreachableException(e.getMessage(), e);
        }
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        ReadOnlyHttp reads = new ReadOnlyHttp(client, endpoints, settings.timeout());
        CompletableFuture<Void> prometheus = reads.probePrometheus();
        try {
            reads.app("/actuator");
        } catch (IllegalStateException e) {
            prometheus.cancel(true);
            throw new TargetUnreachableException(e.getMessage().replaceFirst("^app at \\S+: ", ""), e);
        }
        try {
            prometheus.get(settings.timeoutMillis() + 200L, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            reads.prometheusDown("timeout after " + settings.timeoutMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetUnreachableException("interrupted", e);
        }
        return new HttpConnector(client, reads, settings.timeout());
    }

    static void tags(Object value) {
        if (value instanceof List<?> list) {
            list.forEach(v -> AppPaths.tag(String.valueOf(v)));
        } else if (value != null) {
            for (String part : value.toString().split(",")) {
                AppPaths.tag(part.trim());
            }
        }
    }
}
