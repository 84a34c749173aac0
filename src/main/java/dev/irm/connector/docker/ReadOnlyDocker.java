package dev.irm.connector.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.connector.Args;
import dev.irm.connector.logs.KeptLogs;
import dev.irm.support.KeptReads;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The only door diagnostics have to the engine: GET requests, nothing else. The connector lives for one command,
 * so the container list, each container's inspect and each container's log are read once and reused by every
 * later step (a dozen steps judge the same app container); {@link #forget()} drops them after a write.
 */
final class ReadOnlyDocker {
    private final DockerApi api;
    private final StatsSamples samples = new StatsSamples(this);
    private final KeptReads reads = new KeptReads();
    private final KeptLogs logs = new KeptLogs();

    ReadOnlyDocker(DockerApi api) {
        this.api = api;
    }

    StatsSamples samples() {
        return samples;
    }

    Duration timeout() {
        return api.timeout();
    }

    void forget() {
        reads.forget();
        logs.forget();
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
        for (String id : ContainerSelector.select(reads.once("containers", () -> get("/containers/json?all=1")), args)) {
            out.add(reads.once("inspect\u0000" + id, () -> inspect(id)));
        }
        return out;
    }

    /** A fresh inspect (what a write's result shows), not the command's snapshot. */
    ContainerInfo inspect(String idOrName) throws Exception {
        return ContainerInfo.of(get("/containers/" + encode(idOrName) + "/json"));
    }

    /** Timestamped log lines of one container in the last {@code sinceSeconds}, at most {@code tail}: read once per command for the widest window ({@link KeptLogs}). */
    List<String> log(ContainerInfo c, int sinceSeconds, int tail) throws Exception {
        String text = logs.get(c.id(), sinceSeconds, tail, () -> {
            long since = Instant.now().minusSeconds(sinceSeconds).getEpochSecond();
            byte[] body = raw("/containers/" + encode(c.id()) + "/logs?stdout=1&stderr=1&timestamps=1&since=" + since + "&tail=" + tail,
                    timeout().multipliedBy(5));
            List<String> lines = c.tty() ? DockerReads.textLines(body) : DockerReads.demultiplex(body);
            return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
        });
        return DockerReads.textLines(text.getBytes(StandardCharsets.UTF_8));
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
