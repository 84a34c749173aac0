package dev.irm.connector.http;

import dev.irm.connector.TrainingPeer;
import dev.irm.support.LoopbackServer;
import java.io.IOException;
import java.util.Map;

/** The training run's application and Prometheus ({@link TrainingPeer}): any path answers 200 with {@code {}}. */
final class HttpTrainingPeer implements TrainingPeer {
    private final LoopbackServer server;

    HttpTrainingPeer() throws IOException {
        server = LoopbackServer.http("training-http", path -> LoopbackServer.Reply.json("{}"));
    }

    @Override
    public Map<String, String> settings() {
        String url = "http://" + server.address();
        return Map.of("app", url, "prometheus", url);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
