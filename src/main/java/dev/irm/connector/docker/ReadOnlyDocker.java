package dev.irm.connector.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.connector.Args;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The only door diagnostics have to the engine: GET requests, nothing else. */
final class ReadOnlyDocker {
    private final DockerApi api;
    private final StatsSamples samples = new StatsSamples(this);

    ReadOnlyDocker(DockerApi api) {
        this.api = api;
    }

    StatsSamples samples() {
        return samples;
    }

    Duration timeout() {
        return api.timeout();
    }

    JsonNode get(String path) throws Exception {
        return api.get(path);
    }

    JsonNode get(String path, Duration deadline) throws Exception {
        return api.get(path, deadline);
    }

    byte[] raw(String path, Duration deadline) throws Exception {
        return api.raw(path, deadline);
    }

    /** The selected containers, inspected (inspect holds what the list lacks: OOMKilled, RestartCount, limits). */
    List<ContainerInfo> containers(Args args) throws Exception {
        List<ContainerInfo> out = new ArrayList<>();
        for (String id : ContainerSelector.select(get("/containers/json?all=1"), args)) {
            out.add(inspect(id));
        }
        return out;
    }

    ContainerInfo inspect(String idOrName) throws Exception {
        return ContainerInfo.of(get("/containers/" + encode(idOrName) + "/json"));
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
