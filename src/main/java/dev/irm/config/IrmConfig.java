package dev.irm.config;

import java.util.LinkedHashMap;
import java.util.Map;

/** The config file: named contexts (one per environment) and which one is current. */
public record IrmConfig(String currentContext, Map<String, ContextConfig> contexts) {

    public IrmConfig {
        contexts = contexts == null ? new LinkedHashMap<>() : new LinkedHashMap<>(contexts);
    }

    public static IrmConfig empty() {
        return new IrmConfig(null, Map.of());
    }

    public IrmConfig withCurrentContext(String name) {
        return new IrmConfig(name, contexts);
    }
}
