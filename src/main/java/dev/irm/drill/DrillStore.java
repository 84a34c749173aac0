package dev.irm.drill;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.support.BoundedInput;
import dev.irm.support.IrmException;
import dev.irm.support.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads and writes the latest drill's state and journal in {@link DrillFiles}. */
public final class DrillStore {
    private static final long MAX_BYTES = 8L * 1024 * 1024;

    private final DrillFiles files;

    public DrillStore(DrillFiles files) {
        this.files = files;
    }

    /** The latest drill, active or ended; empty when there never was one. */
    public Optional<DrillState> latest() {
        if (!Files.isRegularFile(files.state())) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.MAPPER.readValue(BoundedInput.readRegularFile(files.state(), MAX_BYTES), DrillState.class));
        } catch (IOException e) {
            throw IrmException.invalid(files.state() + ": not a drill state (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    /** The drill under way, if any: what the diagnose, triage and run commands look at. */
    public Optional<DrillState> active() {
        return latest().filter(DrillState::active);
    }

    public void save(DrillState state) {
        files.write(files.state(), Json.pretty(state) + "\n");
    }

    /** A new drill: the previous one's files move aside under its id. */
    void begin(DrillState state) {
        latest().ifPresent(previous -> files.archive(previous.id()));
        save(state);
    }

    /** One line per observation; small appends by several irm processes do not interleave. */
    public void note(JournalEntry entry) {
        try {
            Files.createDirectories(files.dir());
            Files.writeString(files.journal(), Json.line(entry) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot append to " + files.journal() + ": " + e.getMessage(), e);
        }
    }

    /** Every well-formed journal line; a torn or foreign line is left out. */
    public List<JournalEntry> journal() {
        List<JournalEntry> entries = new ArrayList<>();
        if (!Files.isRegularFile(files.journal())) {
            return entries;
        }
        String text;
        try {
            text = BoundedInput.readRegularFile(files.journal(), MAX_BYTES);
        } catch (IOException e) {
            return entries;
        }
        for (String line : text.split("\n")) {
            try {
                JsonNode node = Json.MAPPER.readTree(line);
                if (node != null && node.has("at") && node.has("command")) {
                    entries.add(Json.MAPPER.treeToValue(node, JournalEntry.class));
                }
            } catch (IOException | IllegalArgumentException ignored) {
                // a line cut by a kill, or not ours: the journal is evidence, not input to trust
            }
        }
        return entries;
    }
}
