package dev.irm.cli;

import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The connection options of CONTRACT.md, shared by every command that connects. */
public final class ConnectionOptions {
    @Option(names = "--redis", paramLabel = "URL", description = "Redis URL (redis:// or rediss:// for TLS).")
    String redis;

    @Option(names = "--mysql", paramLabel = "JDBC_URL", description = "MySQL/MariaDB JDBC URL.")
    String mysql;

    @Option(names = "--mysql-user", paramLabel = "USER", description = "MySQL user (password: $IRM_MYSQL_PASSWORD).")
    String mysqlUser;

    @Option(names = "--kafka", paramLabel = "HOST:PORT,...", description = "Kafka bootstrap servers.")
    String kafka;

    @Option(names = "--kube-context", paramLabel = "NAME", description = "kubeconfig context.")
    String kubeContext;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "Kubernetes namespace.")
    String namespace;

    @Option(names = "--docker-host", paramLabel = "URL", description = "Docker engine, e.g. unix:///var/run/docker.sock.")
    String dockerHost;

    @Option(names = "--app", paramLabel = "URL", description = "Application base URL (actuator).")
    String app;

    @Option(names = "--prometheus", paramLabel = "URL", description = "Prometheus base URL.")
    String prometheus;

    /** Keyed {@code target.key} for {@link dev.irm.config.ConnectionResolver}. */
    Map<String, String> asMap() {
        Map<String, String> m = new HashMap<>();
        put(m, "redis.url", redis);
        put(m, "mysql.url", mysql);
        put(m, "mysql.user", mysqlUser);
        put(m, "kafka.bootstrap", kafka);
        put(m, "k8s.context", kubeContext);
        put(m, "k8s.namespace", namespace);
        put(m, "docker.host", dockerHost);
        put(m, "http.app", app);
        put(m, "http.prometheus", prometheus);
        return m;
    }

    private static void put(Map<String, String> m, String key, String value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
