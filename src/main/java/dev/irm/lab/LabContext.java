package dev.irm.lab;

import dev.irm.config.ConfigStore;
import dev.irm.config.ContextConfig;
import dev.irm.config.IrmConfig;
import dev.irm.connector.ConnectorRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The config context {@code lab}: what {@code irm --context lab diagnose all} connects to. */
public final class LabContext {
    public static final String NAME = "lab";

    private LabContext() {
    }

    static ContextConfig of(LabEndpoints e) {
        List<String> targets = new ArrayList<>(List.of("redis", "mysql"));
        Map<String, Object> kafka = Map.of();
        if (e.kafkaBootstrap() != null) {
            targets.add("kafka");
            kafka = Map.of("bootstrap", e.kafkaBootstrap());
        }
        targets.add("http");
        Map<String, Object> docker = Map.of();
        Map<String, Object> variables = new LinkedHashMap<>();
        if (e.appContainer() != null) {
            targets.add("docker");
            docker = Map.of("host", e.dockerHost());
            variables.put("platform", "docker");
        } else {
            targets.add("process");
            variables.put("platform", "process");
            variables.put("app_log", e.appLog().toString());
        }
        variables.put("schema", AppPart.DATABASE); // the MariaDB URL names no database: payment-duplicates' tables are in it
        Map<String, Object> http = new LinkedHashMap<>();
        http.put("app", e.appUrl());
        http.put("prometheus", e.prometheusUrl());
        http.put("token", e.appAdminToken());
        Map<String, Map<String, Object>> sections = new LinkedHashMap<>();
        sections.put("redis", Map.of("url", e.redisUrl()));
        sections.put("mysql", Map.of("url", e.mysqlUrl(), "user", e.mysqlUser()));
        if (!kafka.isEmpty()) {
            sections.put("kafka", kafka);
        }
        if (!docker.isEmpty()) {
            sections.put("docker", docker);
        }
        sections.put("http", http);
        return new ContextConfig("the local lab (irm lab up; irm lab down removes it)", sections, variables, targets);
    }

    static void write(ConfigStore store, LabEndpoints endpoints) {
        IrmConfig config = store.read(ConnectorRegistry.discover().targets());
        Map<String, ContextConfig> contexts = new LinkedHashMap<>(config.contexts());
        contexts.put(NAME, of(endpoints));
        store.write(new IrmConfig(config.currentContext(), contexts, config.serve()));
    }

    static void remove(ConfigStore store) {
        IrmConfig config = store.read(ConnectorRegistry.discover().targets());
        if (!config.contexts().containsKey(NAME)) {
            return;
        }
        Map<String, ContextConfig> contexts = new LinkedHashMap<>(config.contexts());
        contexts.remove(NAME);
        String current = NAME.equals(config.currentContext()) ? null : config.currentContext();
        store.write(new IrmConfig(current, contexts, config.serve()));
    }
}
