package dev.irm.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One environment's connections and runbook variable overrides. Secrets are referenced, not
 * stored: {@code passwordEnv: NAME} or {@code passwordFile: PATH} (a literal {@code password}
 * works but is discouraged). {@code targets}, when set, is what {@code diagnose all} means.
 */
public record ContextConfig(
        String description,
        Map<String, Object> redis,
        Map<String, Object> mysql,
        Map<String, Object> kafka,
        Map<String, Object> k8s,
        Map<String, Object> docker,
        Map<String, Object> http,
        Map<String, Object> variables,
        List<String> targets) {

    public ContextConfig {
        redis = orEmpty(redis);
        mysql = orEmpty(mysql);
        kafka = orEmpty(kafka);
        k8s = orEmpty(k8s);
        docker = orEmpty(docker);
        http = orEmpty(http);
        variables = orEmpty(variables);
        targets = targets == null ? null : List.copyOf(targets);
    }

    /**
     * Whether the context names a target: it has settings for it. Listing a target in {@code targets} only
     * scopes {@code all}; a listed target whose local default is missing is still "not configured".
     */
    public boolean names(String target) {
        return !target(target).isEmpty();
    }

    private static Map<String, Object> orEmpty(Map<String, Object> m) {
        return m == null ? Map.of() : new LinkedHashMap<>(m);
    }

    public Map<String, Object> target(String name) {
        return switch (name) {
            case "redis" -> redis;
            case "mysql" -> mysql;
            case "kafka" -> kafka;
            case "k8s" -> k8s;
            case "docker" -> docker;
            case "http" -> http;
            default -> Map.of();
        };
    }
}
