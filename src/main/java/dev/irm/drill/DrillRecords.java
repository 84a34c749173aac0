package dev.irm.drill;

import dev.irm.engine.RunRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The {@code irm run} records (CONTRACT "Records") written during a drill on its context. The one
 * place the drill reads records; the reading itself is the function {@code irm report} uses.
 */
public final class DrillRecords {
    private final Path dir;

    public DrillRecords(Path dir) {
        this.dir = dir;
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
                run = RunRecord.read(file);
            } catch (RuntimeException notARecord) {
                continue;
            }
            Instant at = run.startedAt();
            if (at == null || at.isBefore(from) || (until != null && at.isAfter(until)) || !context.equals(run.started().context())) {
                continue;
            }
            runs.add(run);
        }
        runs.sort(java.util.Comparator.comparing(RunRecord::startedAt));
        return runs;
    }
}
