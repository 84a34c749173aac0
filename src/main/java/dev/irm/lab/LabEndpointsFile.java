package dev.irm.lab;

import dev.irm.support.ExitCode;
import dev.irm.support.IrmException;
import dev.irm.support.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** {@code endpoints.json} in the lab's state folder ({@code $XDG_STATE_HOME/irm/lab}): where a running lab's parts answer. */
public final class LabEndpointsFile {
    static final String NAME = "endpoints.json";

    private LabEndpointsFile() {
    }

    public static Path stateDir(Map<String, String> env) {
        String state = env.get("XDG_STATE_HOME");
        Path base = state != null && !state.isBlank() ? Path.of(state) : Path.of(System.getProperty("user.home"), ".local", "state");
        return base.resolve("irm").resolve("lab");
    }

    /** The running lab's endpoints; a usage error naming {@code irm lab up} when no lab runs. */
    public static LabEndpoints read(Path stateDir) {
        Path file = stateDir.resolve(NAME);
        if (!Files.exists(file)) {
            throw IrmException.usage("no lab is running (start one with: irm lab up)");
        }
        try {
            return Json.MAPPER.readValue(file.toFile(), LabEndpoints.class);
        } catch (IOException e) {
            throw new IrmException(ExitCode.UNKNOWN, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static void write(LabEndpoints endpoints) throws IOException {
        Files.createDirectories(endpoints.stateDir());
        Files.writeString(endpoints.stateDir().resolve(NAME), Json.pretty(endpoints));
    }
}
