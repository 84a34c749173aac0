package dev.irm.connector.docker;

import dev.irm.connector.TrainingPeer;
import dev.irm.support.LoopbackServer;
import dev.irm.support.LoopbackServer.Reply;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The training run's Docker engine ({@link TrainingPeer}) over TCP: one running compose container of the
 * service {@code app} with a memory limit, its inspect, stats and an empty log; {@code {}} for anything else.
 */
final class DockerTrainingPeer implements TrainingPeer {
    private static final String ID = "0123456789ab";
    private static final String LABELS = "{\"" + ContainerInfo.SERVICE_LABEL + "\":\"app\",\"" + ContainerInfo.PROJECT_LABEL + "\":\"irm\"}";
    private final LoopbackServer server;
    private final Path socket;

    /** On a unix socket, as a local engine answers (the transport irm uses there is not the one for tcp://). */
    DockerTrainingPeer(Path scratch) throws IOException {
        socket = scratch.resolve("training-docker.sock");
        server = LoopbackServer.httpOnUnixSocket("training-docker", socket, DockerTrainingPeer::reply);
    }

    @Override
    public Map<String, String> settings() {
        return Map.of("host", "unix://" + socket);
    }

    private static Reply reply(String pathAndQuery) {
        String path = pathAndQuery.replaceFirst("^/v[0-9.]+/", "/").replaceFirst("\\?.*", "");
        if (path.equals("/_ping")) {
            return new Reply("text/plain", "OK".getBytes(StandardCharsets.US_ASCII));
        }
        if (path.equals("/containers/json")) {
            return Reply.json("[{\"Id\":\"" + ID + "\",\"Names\":[\"/irm-app-1\"],\"State\":\"running\",\"Labels\":" + LABELS + "}]");
        }
        if (path.endsWith("/json") && path.startsWith("/containers/")) {
            return Reply.json("{\"Id\":\"" + ID + "\",\"Name\":\"/irm-app-1\",\"Created\":\"2026-01-01T00:00:00Z\",\"Config\":{\"Labels\":" + LABELS
                    + ",\"Tty\":false},\"State\":{\"Status\":\"running\",\"Running\":true,\"OOMKilled\":false,\"ExitCode\":0,"
                    + "\"StartedAt\":\"2026-01-01T00:00:00Z\"},\"RestartCount\":0,\"HostConfig\":{\"Memory\":536870912}}");
        }
        if (path.endsWith("/stats")) {
            return Reply.json("{\"read\":\"" + java.time.Instant.now() + "\",\"cpu_stats\":{\"cpu_usage\":{\"total_usage\":" + System.nanoTime()
                    + "},\"system_cpu_usage\":" + 2 * System.nanoTime() + ",\"online_cpus\":2},\"memory_stats\":{\"usage\":1048576,"
                    + "\"limit\":536870912,\"stats\":{\"inactive_file\":0}}}");
        }
        if (path.endsWith("/logs")) {
            return new Reply("application/vnd.docker.raw-stream", new byte[0]);
        }
        if (path.equals("/info")) {
            return Reply.json("{\"DockerRootDir\":\"/var/lib/docker\",\"Containers\":1,\"ServerVersion\":\"irm-training\"}");
        }
        return Reply.json("{}");
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
