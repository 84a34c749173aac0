package dev.irm.drill;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The {@code irm run} records (CONTRACT "Records") written during a drill on its context. The one
 * place the drill reads records; the reading itself is the function {@code irm report} uses.
 */
public final class DrillRecords {
    private final Path dir;
    private final Function<Path, List<JsonNode>> reader;

    public DrillRecords(Path dir, Function<Path, List<JsonNode>> reader) {
        this.dir = dir;
        this.reader = reader;
    }

    /** One run's record: its file name and its events. */
    public record RunRecord(String name, List<JsonNode> events) {

        public JsonNode started() {
            return events.stream().filter(e -> e.path("event").asText().equals("run.started")).findFirst().orElse(null);
        }

        public String runbook() {
            JsonNode s = started();
            return s == null ? null : s.path("data").path("runbook").asText(null);
        }

        public Instant startedAt() {
            JsonNode s = started();
            return s == null ? null : Instant.parse(s.path("at").asText());
        }
    }

    /** Runs started on {@code context} between {@code from} and {@code until} (null: up to now), oldest first. */
    public List<RunRecord> during(String context, Instant from, Instant until) {
        List<RunRecord> runs = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return runs;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".jsonl"))
                    .filter(p -> p.toFile().lastModified() >= from.toEpochMilli() - 1000)
                    .sorted().toList();
        } catch (IOException e) {
            return runs;
        }
        for (Path file : files) {
            RunRecord run;
            try {
                run = new RunRecord(file.getFileName().toString(), reader.apply(file));
            } catch (RuntimeException notARecord) {
                continue;
            }
            Instant at = run.startedAt();
            JsonNode started = run.started();
            if (at == null || at.isBefore(from) || (until != null && at.isAfter(until))
                    || !context.equals(started.path("data").path("context").asText(null))) {
                continue;
            }
            runs.add(run);
        }
        runs.sort(java.util.Comparator.comparing(RunRecord::startedAt));
        return runs;
    }
}
