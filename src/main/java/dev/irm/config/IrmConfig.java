package dev.irm.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.Map;

/** The config file: named contexts (one per environment), which one is current, and {@code irm serve}'s settings. */
public record IrmConfig(String currentContext, Map<String, ContextConfig> contexts,
                        @JsonInclude(JsonInclude.Include.NON_NULL) ServeConfig serve) {

    public IrmConfig(String currentContext, Map<String, ContextConfig> contexts) {
        this(currentContext, contexts, null);
    }

    public IrmConfig {
        contexts = contexts == null ? new LinkedHashMap<>() : new LinkedHashMap<>(contexts);
    }

    public static IrmConfig empty() {
        return new IrmConfig(null, Map.of());
    }

    public IrmConfig withCurrentContext(String name) {
        return new IrmConfig(name, contexts, serve);
    }
}
