package dev.irm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.connector.ConnectorFactory;
import dev.irm.connector.ConnectorRegistry;
import dev.irm.connector.TrainingPeer;
import dev.irm.testing.IrmCli;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The start-up archive is only as good as its training: every target's training peer must get the real
 * client past connecting, or the reply classes it was written for are not archived. A kafka-clients or
 * fabric8 upgrade that the peer no longer satisfies fails here, not as a silently slower start.
 */
class TrainingContextTest {
    @Test
    void everyTrainingPeerIsReachedByItsRealClient() throws Exception {
        IrmCli cli = new IrmCli();
        List<String> withPeers = new ArrayList<>();
        for (ConnectorFactory f : ConnectorRegistry.discover().factories()) {
            try (TrainingPeer peer = f.trainingPeer(cli.home())) {
                if (peer != null) {
                    withPeers.add(f.target());
                }
            }
        }
        assertFalse(withPeers.isEmpty(), "no target has a training peer");
        try (TrainingContext context = TrainingContext.start(cli.home(), "127.0.0.1:1")) {
            IrmCli.Result r = cli.env("IRM_CONFIG", context.config().toString())
                    .run("--context", TrainingContext.ANSWERING, "--timeout", "3s", "diagnose", "-o", "json", "all");
            for (String target : withPeers) {
                JsonNode reachable = r.check(target + ".reachable");
                assertEquals("OK", reachable.path("status").asText(), target + ": " + reachable + "\n" + r.err());
            }
            // Kafka's peer answers every request its checks send (describe, offsets, topic partitions), so each is judged
            for (JsonNode t : r.json().path("targets")) {
                if (t.path("target").asText().equals("kafka")) {
                    t.path("checks").forEach(c -> assertNotEquals("UNKNOWN", c.path("status").asText(), c.toString()));
                }
            }
        }
    }
}
