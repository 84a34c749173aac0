package dev.irm.engine;

import dev.irm.connector.Secrets;
import dev.irm.support.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * Appends a run's timeline to a JSON Lines record, one event a line, flushed as it happens so a
 * crash or Ctrl-C loses nothing already done. Messages pass through the secret scrubber.
 */
public final class RecordWriter implements TimelineListener, AutoCloseable {
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Path file;
    private final Writer out;

    private RecordWriter(Path file, Writer out) {
        this.file = file;
        this.out = out;
    }

    /**
     * A new file per run: two runs of one runbook in the same second of one process (irm serve, tests)
     * get {@code _2}, {@code _3}… rather than one record holding both runs ({@code _} sorts after {@code .}, so
     * the names still sort in the order the runs started).
     */
    public static RecordWriter create(Path recordsDir, String runbookId, Instant startedAt) {
        try {
            Files.createDirectories(recordsDir);
            String stem = NAME.format(startedAt) + "-" + runbookId + "-" + ProcessHandle.current().pid();
            for (int n = 1; ; n++) {
                Path file = recordsDir.resolve(stem + (n == 1 ? "" : "_" + n) + ".jsonl");
                try {
                    return new RecordWriter(file, Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE));
                } catch (java.nio.file.FileAlreadyExistsException taken) {
                    // next suffix
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run record under " + recordsDir + ": " + e.getMessage(), e);
        }
    }

    /** {@code $XDG_STATE_HOME/irm/records}, else {@code ~/.local/state/irm/records}. */
    public static Path defaultDir(Map<String, String> env) {
        String state = env.get("XDG_STATE_HOME");
        Path base = state != null && !state.isBlank() ? Path.of(state) : Path.of(System.getProperty("user.home"), ".local", "state");
        return base.resolve("irm").resolve("records");
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void on(TimelineEvent event) {
        TimelineEvent.Line line = event.line();
        try {
            out.write(Json.line(line.withMessage(Secrets.redactUrl(line.message()))));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException ignored) {
            // the record was flushed event by event
        }
    }
}
