package dev.irm.cli;

import dev.irm.config.ConfigStore;
import dev.irm.config.ContextConfig;
import dev.irm.config.IrmConfig;
import dev.irm.connector.ConnectorFactory;
import dev.irm.connector.ConnectorRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The targets' part of the AppCDS training run ({@code dev.irm.CdsTraining}): a context pointing every target at a closed port, and their clients. */
public final class TrainingContext {
    private TrainingContext() {
    }

    /** Writes {@code home/config.yaml}, each target's section from its factory's {@code trainingSettings}, and returns its path. */
    public static Path write(Path home, String closedHostPort) throws IOException {
        Map<String, Map<String, Object>> sections = new LinkedHashMap<>();
        for (ConnectorFactory factory : ConnectorRegistry.discover().factories()) {
            Map<String, String> settings = factory.trainingSettings(closedHostPort, home);
            if (!settings.isEmpty()) {
                sections.put(factory.target(), new LinkedHashMap<>(settings));
            }
        }
        Path file = home.resolve("config.yaml");
        new ConfigStore(file).write(new IrmConfig("training", Map.of("training", new ContextConfig(null, sections, null, null))));
        return file;
    }

    /** Each target's {@code trainClient}: client classes a closed port alone does not load. */
    public static void trainClients(String closedHostPort) {
        ConnectorRegistry.discover().factories().forEach(factory -> factory.trainClient(closedHostPort));
    }
}
