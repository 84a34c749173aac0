package dev.irm.cli;

import dev.irm.config.ConfigStore;
import dev.irm.config.ContextConfig;
import dev.irm.config.IrmConfig;
import dev.irm.connector.ConnectorFactory;
import dev.irm.connector.ConnectorRegistry;
import dev.irm.connector.TrainingPeer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The targets' part of the AppCDS training run ({@code dev.irm.CdsTraining}): a config whose current context,
 * {@value #CLOSED}, points every target at a closed port, and whose context {@value #ANSWERING} points each
 * target that has a {@link TrainingPeer} at it (the others stay at the closed port); the peers; the clients.
 */
public final class TrainingContext implements AutoCloseable {
    public static final String CLOSED = "training";
    public static final String ANSWERING = "answering";
    private final List<TrainingPeer> peers;
    private final Path config;

    private TrainingContext(List<TrainingPeer> peers, Path config) {
        this.peers = peers;
        this.config = config;
    }

    /** Starts the peers and writes {@code home/config.yaml}, each target's sections from its factory. */
    public static TrainingContext start(Path home, String closedHostPort) throws IOException {
        Map<String, Map<String, Object>> closed = new LinkedHashMap<>();
        Map<String, Map<String, Object>> answering = new LinkedHashMap<>();
        List<TrainingPeer> peers = new ArrayList<>();
        for (ConnectorFactory factory : ConnectorRegistry.discover().factories()) {
            Map<String, String> settings = factory.trainingSettings(closedHostPort, home);
            if (!settings.isEmpty()) {
                closed.put(factory.target(), new LinkedHashMap<>(settings));
                answering.put(factory.target(), new LinkedHashMap<>(settings));
            }
            TrainingPeer peer = factory.trainingPeer(home);
            if (peer != null) {
                peers.add(peer);
                answering.put(factory.target(), new LinkedHashMap<>(peer.settings()));
            }
        }
        Path file = home.resolve("config.yaml");
        new ConfigStore(file).write(new IrmConfig(CLOSED, Map.of(CLOSED, new ContextConfig(null, closed, null, null),
                ANSWERING, new ContextConfig(null, answering, null, null))));
        return new TrainingContext(peers, file);
    }

    public Path config() {
        return config;
    }

    /** Each target's {@code trainClient}: client classes a closed port alone does not load. */
    public static void trainClients(String closedHostPort) {
        ConnectorRegistry.discover().factories().forEach(factory -> factory.trainClient(closedHostPort));
    }

    @Override
    public void close() throws IOException {
        for (TrainingPeer peer : peers) {
            peer.close();
        }
    }
}
