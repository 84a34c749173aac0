package dev.irm.lab;

import dev.irm.support.AtomicFile;
import dev.irm.support.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@code irm lab up} started, in {@code lab.json} of the lab's folder (mode 0600: it holds the app's
 * admin token): the endpoints the faults and the drill use, and every part's process.
 */
public record LabState(LabEndpoints endpoints, List<LabPart> parts, String appRunsAs) {
    static final String FILE = "lab.json";

    public static Optional<LabState> read(Path stateDir) {
        Path file = stateDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.MAPPER.readValue(file.toFile(), LabState.class));
        } catch (IOException e) {
            throw new IllegalStateException(file + ": cannot read the lab's state: " + e.getMessage(), e);
        }
    }

    void write(Path stateDir) {
        try {
            AtomicFile.write(stateDir.resolve(FILE), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(this), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path stateDir) {
        try {
            Files.deleteIfExists(stateDir.resolve(FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<LabPart> part(String name) {
        return parts.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
