package dev.irm.connector.fake;

import dev.irm.connector.ActionSpec;
import dev.irm.connector.Args;
import dev.irm.connector.BaseConnectorFactory;
import dev.irm.connector.ConnectionSetting;
import dev.irm.connector.Connector;
import dev.irm.connector.Consent;
import dev.irm.connector.Observation;
import dev.irm.connector.Param;
import dev.irm.connector.Preview;
import dev.irm.connector.TargetSettings;
import dev.irm.connector.TargetUnreachableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A target that lives only in the tests and is not in any services file of the build: {@link FakeTargetTest}
 * puts it on a child irm's class path in a jar of its own. Its "server" is a folder: {@code level} holds the
 * reading, {@code apikey} the key it accepts (the declared secret, never shown).
 */
public final class FakeConnectorFactory extends BaseConnectorFactory {
    private static final String T = "fake";
    private static final List<ConnectionSetting> SETTINGS = List.of(
            ConnectionSetting.of("dir").option("DIR", "Folder of the fake target.", "--fake-dir").env("IRM_FAKE_DIR"),
            ConnectionSetting.of("apikey").env("IRM_FAKE_APIKEY").asSecret());

    public FakeConnectorFactory() {
        super(T, DEFAULT_ORDER, SETTINGS, List.of(ActionSpec.read(T, "level", "the number in the folder's level file",
                Param.optional("file", "file name (default level)"))));
    }

    @Override
    public String notConfigured(TargetSettings settings) {
        return settings.get("dir") == null ? "not configured: no --fake-dir, IRM_FAKE_DIR or fake.dir in the context" : null;
    }

    @Override
    public Connector open(TargetSettings settings) throws TargetUnreachableException {
        Path dir = Path.of(settings.get("dir", "."));
        if (!Files.isDirectory(dir)) {
            throw new TargetUnreachableException("no folder " + dir, null);
        }
        try {
            String accepted = Files.readString(dir.resolve("apikey"), StandardCharsets.UTF_8).strip();
            if (!accepted.equals(settings.get("apikey", ""))) {
                throw new TargetUnreachableException("api key refused", null);
            }
        } catch (IOException e) {
            throw new TargetUnreachableException("no apikey file in " + dir, e);
        }
        return new FakeConnector(dir);
    }

    @Override
    public String describe(TargetSettings settings) {
        return "folder " + settings.get("dir", "?");
    }

    @Override
    public String unreachableRunbook(TargetUnreachableException cause) {
        return "fake-health";
    }

    private record FakeConnector(Path dir) implements Connector {
        @Override
        public String endpoint() {
            return "folder " + dir;
        }

        @Override
        public Observation read(String action, Args args) throws IOException {
            if (!action.equals("level")) {
                throw new IllegalArgumentException("fake has no read action '" + action + "'");
            }
            String text = Files.readString(dir.resolve(args.string("file", "level")), StandardCharsets.UTF_8).strip();
            return Observation.of(Map.of("level", Long.parseLong(text)));
        }

        @Override
        public Preview preview(String action, Args args) {
            throw new IllegalArgumentException("fake has no write action '" + action + "'");
        }

        @Override
        public Observation write(String action, Args args, Consent consent) {
            throw new IllegalArgumentException("fake has no write action '" + action + "'");
        }

        @Override
        public void close() {
            // nothing held open
        }
    }
}
