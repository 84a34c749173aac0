package dev.irm.connector.docker;

import dev.irm.connector.Args;
import dev.irm.connector.Observation;
import dev.irm.connector.logs.EvidenceBundle;
import dev.irm.connector.logs.LogScan;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The unknown-outage evidence bundle from a Docker host: every container's state, stats, and the services' recent logs. */
final class DockerEvidence {
    private DockerEvidence() {
    }

    static Observation collect(ReadOnlyDocker docker, Args args, String endpoint) throws Exception {
        EvidenceBundle bundle = EvidenceBundle.create(args, "docker");
        Observation all = DockerReads.containers(docker, Args.of());
        bundle.json("containers.json", Map.of("endpoint", endpoint, "at", Instant.now().toString(), "summary", all.metrics(),
                "containers", all.rows()));
        bundle.json("stats.json", DockerReads.stats(docker, Args.of()).rows());
        long logged = 0;
        for (String service : EvidenceBundle.services(args)) {
            List<ContainerInfo> found = new ArrayList<>(docker.containers(Args.of("service", service)));
            if (found.isEmpty()) {
                found.addAll(docker.containers(Args.of("name", "*" + service + "*")));
            }
            if (found.isEmpty()) {
                bundle.missing(service);
            }
            for (ContainerInfo c : found) {
                List<String> lines = lines(docker, c, args);
                bundle.log(c.name(), String.join("\n", lines) + "\n");
                logged += lines.size();
            }
        }
        Map<String, Object> m = new LinkedHashMap<>(bundle.metrics());
        m.put("containers", all.metrics().get("count"));
        m.put("log_lines", logged);
        return Observation.of(m);
    }

    private static List<String> lines(ReadOnlyDocker docker, ContainerInfo c, Args args) throws Exception {
        long since = Instant.now().minus(LogScan.window(args)).getEpochSecond();
        byte[] body = docker.raw("/containers/" + c.id() + "/logs?stdout=1&stderr=1&timestamps=1&since=" + since,
                docker.timeout().multipliedBy(5));
        return c.tty() ? new String(body, StandardCharsets.UTF_8).lines().toList() : DockerReads.demultiplex(body);
    }
}
