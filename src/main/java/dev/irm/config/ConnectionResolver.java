package dev.irm.config;

import dev.irm.connector.ConnectionSetting;
import dev.irm.connector.ConnectorRegistry;
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
 * current context, local default (CONTRACT.md "Connections"); which settings a target has, and their
 * variables and defaults, its factory declares ({@link ConnectionSetting}).
 */
public final class ConnectionResolver {
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofMillis(1000);

    private final ConnectorRegistry registry;
    private final Map<String, String> options;
    private final Map<String, String> env;
    private final ContextConfig context;

    /** The settings each target's factory declares; {@code options} are keyed {@code target.key}, e.g. {@code redis.url}. */
    public ConnectionResolver(ConnectorRegistry registry, Map<String, String> options, Map<String, String> env, ContextConfig context) {
        this.registry = registry;
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
        for (ConnectionSetting setting : registry.settings(target)) {
            String option = options.get(target + "." + setting.key());
            String fromEnv = setting.env() == null ? null : env.get(setting.env());
            String fallback = setting.localDefault(env);
            if (option != null && !option.isBlank()) {
                values.put(setting.key(), option);
                named |= !setting.secret();
            } else if (fromEnv != null && !fromEnv.isBlank()) {
                values.put(setting.key(), fromEnv);
                named |= !setting.secret();
            } else if (!values.containsKey(setting.key()) && fallback != null) {
                values.put(setting.key(), fallback);
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
        return new TargetSettings(target, values, timeout, named, registry.secretKeys(target));
    }

    private static String readSecret(Path file) {
        try {
            return BoundedInput.readRegularFile(file, BoundedInput.SECRET_FILE_BYTES).strip();
        } catch (IOException e) {
            throw IrmException.invalid("passwordFile " + file + ": cannot read: " + e.getMessage());
        }
    }
}
