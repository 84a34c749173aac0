package dev.irm.drill;

import dev.irm.engine.RunRecord;
import dev.irm.engine.TimelineEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Record lines built by a test, read back the way irm report reads a record file. */
final class Records {
    private Records() {
    }

    static List<TimelineEvent> decoded(List<String> lines) {
        try {
            Path file = Files.createTempFile("irm-drill-test", ".jsonl");
            try {
                Files.writeString(file, String.join("\n", lines) + "\n");
                return RunRecord.read(file).events();
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
