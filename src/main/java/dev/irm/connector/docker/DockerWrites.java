package dev.irm.connector.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.connector.Args;
import dev.irm.connector.Consent;
import dev.irm.connector.Observation;
import dev.irm.connector.Preview;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Restart and start a container: a read-only preview (state, uptime, restarts, dependents), then the call under consent. */
final class DockerWrites {
    static final long STOP_GRACE_S = 10;

    private DockerWrites() {
    }

    static Preview previewRestart(ReadOnlyDocker docker, Args args, String endpoint) throws Exception {
        ContainerInfo c = one(docker, args);
        List<String> dependents = dependents(docker, c);
        String state = describe(c);
        return new Preview("POST /containers/" + c.name() + "/restart?t=" + STOP_GRACE_S + " on " + endpoint,
                "container " + c.name() + " (" + state + ") is stopped (SIGTERM, SIGKILL after " + STOP_GRACE_S + " s) and started again"
                        + (dependents.isEmpty() ? "; no compose service depends on it"
                        : "; compose services that depend on it lose it meanwhile: " + String.join(", ", dependents)),
                1, List.of(sample(c, dependents)), c.name());
    }

    static Preview previewStart(ReadOnlyDocker docker, Args args, String endpoint) throws Exception {
        ContainerInfo c = one(docker, args);
        if (c.running()) {
            return new Preview("POST /containers/" + c.name() + "/start on " + endpoint,
                    "container " + c.name() + " is already running: nothing changes", 0, List.of(sample(c, List.of())), c.name());
        }
        return new Preview("POST /containers/" + c.name() + "/start on " + endpoint,
                "container " + c.name() + " (" + describe(c) + ") is started with its existing configuration", 1,
                List.of(sample(c, dependents(docker, c))), c.name());
    }

    static Observation restart(DockerApi api, ReadOnlyDocker docker, Args args, Consent consent) throws Exception {
        ContainerInfo before = one(docker, args);
        api.post("/containers/" + before.id() + "/restart?t=" + STOP_GRACE_S, api.timeout().plusSeconds(STOP_GRACE_S + 5));
        return after(docker, before);
    }

    static Observation start(DockerApi api, ReadOnlyDocker docker, Args args, Consent consent) throws Exception {
        ContainerInfo before = one(docker, args);
        if (!before.running()) {
            api.post("/containers/" + before.id() + "/start", api.timeout().plusSeconds(5));
        }
        return after(docker, before);
    }

    private static Observation after(ReadOnlyDocker docker, ContainerInfo before) throws Exception {
        ContainerInfo now = docker.inspect(before.id());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("container", now.name());
        m.put("state", now.state());
        m.put("started_at", now.startedAt() == null ? "" : now.startedAt().toString());
        m.put("restarted", now.startedAt() != null && !now.startedAt().equals(before.startedAt()));
        return Observation.of(m);
    }

    private static ContainerInfo one(ReadOnlyDocker docker, Args args) throws Exception {
        List<ContainerInfo> found = docker.containers(args);
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no container matches " + ContainerSelector.describe(args));
        }
        if (found.size() > 1) {
            throw new IllegalArgumentException(found.size() + " containers match " + ContainerSelector.describe(args)
                    + " (" + DockerReads.names(found) + "): name one with container=");
        }
        return found.get(0);
    }

    /** Compose services of the same project whose {@code depends_on} names this container's service. */
    private static List<String> dependents(ReadOnlyDocker docker, ContainerInfo c) throws Exception {
        List<String> out = new ArrayList<>();
        if (c.service().isEmpty()) {
            return out;
        }
        for (JsonNode other : docker.get("/containers/json?all=1")) {
            JsonNode labels = other.path("Labels");
            if (!c.project().equals(labels.path(ContainerInfo.PROJECT_LABEL).asText(""))) {
                continue;
            }
            for (String dep : labels.path(ContainerInfo.DEPENDS_LABEL).asText("").split(",")) {
                if (dep.split(":")[0].equals(c.service())) {
                    out.add(labels.path(ContainerInfo.SERVICE_LABEL).asText("?"));
                }
            }
        }
        return out;
    }

    private static String describe(ContainerInfo c) {
        Instant now = Instant.now();
        String up = c.running() ? "up " + Duration.ofSeconds(c.uptimeSeconds(now)).toString().substring(2).toLowerCase(java.util.Locale.ROOT)
                : "exit code " + c.exitCode() + (c.oomKilled() ? ", OOM-killed" : "");
        return c.state() + ", " + up + ", restarted " + c.restartCount() + " time(s)";
    }

    private static Map<String, Object> sample(ContainerInfo c, List<String> dependents) {
        Map<String, Object> row = c.row(Instant.now());
        row.put("dependents", String.join(", ", dependents));
        return row;
    }
}
