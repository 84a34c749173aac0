package dev.irm.connector.docker;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/** What {@code GET /containers/{id}/json} says about one container, in the terms the runbooks judge. */
record ContainerInfo(String id, String name, String service, String project, String state, String health,
                     boolean oomKilled, long exitCode, long restartCount, long memoryLimit, Instant startedAt,
                     Instant created, boolean tty, String logPath, String dependsOn) {
    static final String SERVICE_LABEL = "com.docker.compose.service";
    static final String PROJECT_LABEL = "com.docker.compose.project";
    static final String DEPENDS_LABEL = "com.docker.compose.depends_on";

    static ContainerInfo of(JsonNode inspect) {
        JsonNode state = inspect.path("State");
        JsonNode labels = inspect.path("Config").path("Labels");
        return new ContainerInfo(
                inspect.path("Id").asText(),
                stripSlash(inspect.path("Name").asText()),
                labels.path(SERVICE_LABEL).asText(""),
                labels.path(PROJECT_LABEL).asText(""),
                state.path("Status").asText("unknown"),
                state.path("Health").path("Status").asText(""),
                state.path("OOMKilled").asBoolean(false),
                state.path("ExitCode").asLong(0),
                inspect.path("RestartCount").asLong(0),
                inspect.path("HostConfig").path("Memory").asLong(0),
                instant(state.path("StartedAt").asText("")),
                instant(inspect.path("Created").asText("")),
                inspect.path("Config").path("Tty").asBoolean(false),
                inspect.path("LogPath").asText(""),
                labels.path(DEPENDS_LABEL).asText(""));
    }

    boolean running() {
        return "running".equals(state);
    }

    long uptimeSeconds(Instant now) {
        return running() && startedAt != null ? Math.max(0, now.getEpochSecond() - startedAt.getEpochSecond()) : 0;
    }

    Map<String, Object> row(Instant now) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", name);
        row.put("service", service);
        row.put("state", state);
        row.put("health", health.isEmpty() ? "-" : health);
        row.put("restarts", restartCount);
        row.put("oom_killed", oomKilled);
        row.put("exit_code", exitCode);
        row.put("memory_limit", memoryLimit);
        row.put("uptime_s", uptimeSeconds(now));
        return row;
    }

    static String stripSlash(String name) {
        return name.startsWith("/") ? name.substring(1) : name;
    }

    static Instant instant(String text) {
        if (text.isEmpty() || text.startsWith("0001-")) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
