package dev.irm.config;

import dev.irm.connector.Secrets;
import dev.irm.connector.TargetSettings;
import dev.irm.support.BoundedInput;
import dev.irm.support.Durations;
import dev.irm.support.IrmException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves each target's settings, first match wins: command-line option, environment variable,
 * current context, local default (CONTRACT.md "Connections").
 */
public final class ConnectionResolver {
    /** One resolvable setting. */
    record Key(String target, String key, String env, String fallback) {
    }

    static final List<Key> KEYS = List.of(
            new Key("redis", "url", "IRM_REDIS_URL", "redis://127.0.0.1:6379"),
            new Key("redis", "password", "IRM_REDIS_PASSWORD", null),
            new Key("mysql", "url", "IRM_MYSQL_URL", "jdbc:mysql://127.0.0.1:3306/"),
            new Key("mysql", "user", "IRM_MYSQL_USER", "root"),
            new Key("mysql", "password", "IRM_MYSQL_PASSWORD", null),
            new Key("kafka", "bootstrap", "IRM_KAFKA_BOOTSTRAP", "127.0.0.1:9092"),
            new Key("k8s", "context", null, null),
            new Key("k8s", "namespace", null, null), // unset: the kubeconfig context's namespace, else default
            new Key("k8s", "kubeconfig", "KUBECONFIG", null), // unset: $HOME/.kube/config (see localDefault)
            new Key("k8s", "serviceHost", "KUBERNETES_SERVICE_HOST", null), // set in every pod: in-cluster config
            new Key("k8s", "servicePort", "KUBERNETES_SERVICE_PORT", null),
            new Key("k8s", "serviceAccountDir", "IRM_K8S_SERVICEACCOUNT_DIR", null),
            new Key("docker", "host", "DOCKER_HOST", "unix:///var/run/docker.sock"),
            new Key("http", "app", "IRM_APP_URL", "http://127.0.0.1:8080"),
            new Key("http", "prometheus", "IRM_PROMETHEUS_URL", "http://127.0.0.1:9090"),
            new Key("http", "token", "IRM_ADMIN_TOKEN", null));

    /**
     * Where the local default Docker socket is looked for (default /var/run/docker.sock). It moves the
     * local default only, so it does not make Docker configured; tests and unusual installs use it.
     */
    public static final String DOCKER_DEFAULT_SOCKET_ENV = "IRM_DOCKER_DEFAULT_SOCKET";

    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofMillis(1000);

    private final Map<String, String> options;
    private final Map<String, String> env;
    private final ContextConfig context;

    /** {@code options} are keyed {@code target.key}, e.g. {@code redis.url}. */
    public ConnectionResolver(Map<String, String> options, Map<String, String> env, ContextConfig context) {
        this.options = options;
        this.env = env;
        this.context = context;
    }

    public Map<String, TargetSettings> resolveAll(List<String> targets) {
        Map<String, TargetSettings> out = new LinkedHashMap<>();
        targets.forEach(t -> out.put(t, resolve(t)));
        return out;
    }

    public TargetSettings resolve(String target) {
        Map<String, Object> fromContext = context == null ? Map.of() : context.target(target);
        Map<String, String> values = new LinkedHashMap<>();
        fromContext.forEach((k, v) -> {
            if (v instanceof Map<?, ?> nested) {
                nested.forEach((nk, nv) -> values.put(k + "." + nk, String.valueOf(nv)));
            } else if (v != null && !k.equals("passwordEnv") && !k.equals("passwordFile") && !k.equals("timeout")) {
                values.put(k, String.valueOf(v));
            }
        });
        Object passwordEnv = fromContext.get("passwordEnv");
        if (passwordEnv != null && env.get(passwordEnv.toString()) != null) {
            values.put("password", env.get(passwordEnv.toString()));
        }
        Object passwordFile = fromContext.get("passwordFile");
        if (passwordFile != null) {
            values.put("password", readSecret(Path.of(passwordFile.toString())));
        }
        boolean named = context != null && context.names(target);
        for (Key key : KEYS) {
            if (!key.target().equals(target)) {
                continue;
            }
            String option = options.get(target + "." + key.key());
            String fromEnv = key.env() == null ? null : env.get(key.env());
            String fallback = localDefault(key);
            if (option != null && !option.isBlank()) {
                values.put(key.key(), option);
                named |= !Secrets.isSecretKey(key.key());
            } else if (fromEnv != null && !fromEnv.isBlank()) {
                values.put(key.key(), fromEnv);
                named |= !Secrets.isSecretKey(key.key());
            } else if (!values.containsKey(key.key()) && fallback != null) {
                values.put(key.key(), fallback);
            }
        }
        Duration timeout = DEFAULT_CALL_TIMEOUT;
        Object configured = fromContext.get("timeout");
        if (configured != null) {
            try {
                timeout = Durations.parse(configured.toString(), Durations.LONGEST_CALL);
            } catch (IllegalArgumentException e) {
                throw IrmException.invalid("context " + target + ".timeout: " + e.getMessage());
            }
        }
        return new TargetSettings(target, values, timeout, named);
    }

    /** The local default of a setting; the kubeconfig and the Docker socket follow this process's environment. */
    private String localDefault(Key key) {
        if (key.target().equals("k8s") && key.key().equals("kubeconfig")) {
            String home = env.get("HOME");
            return home == null || home.isBlank() ? null : Path.of(home, ".kube", "config").toString();
        }
        if (key.target().equals("docker") && key.key().equals("host")) {
            String socket = env.get(DOCKER_DEFAULT_SOCKET_ENV);
            return socket == null || socket.isBlank() ? key.fallback() : "unix://" + socket;
        }
        return key.fallback();
    }

    private static String readSecret(Path file) {
        try {
            return BoundedInput.readRegularFile(file, BoundedInput.SECRET_FILE_BYTES).strip();
        } catch (IOException e) {
            throw IrmException.invalid("passwordFile " + file + ": cannot read: " + e.getMessage());
        }
    }
}
