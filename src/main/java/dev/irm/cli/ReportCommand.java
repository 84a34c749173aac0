package dev.irm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.IrmException;
import dev.irm.engine.RecordWriter;
import dev.irm.render.IncidentMarkdown;
import dev.irm.render.IncidentReport;
import dev.irm.render.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code irm report [RECORD]}: a run's record as the incident report of seed 001 §8. */
@Command(name = "report", description = "Turn a run's record into the incident report (newest record when none is given).")
public final class ReportCommand implements Callable<Integer>, OutputOption.Formats {
    @ParentCommand
    IrmCommand root;

    @Parameters(paramLabel = "RECORD", arity = "0..1", description = "A record file, or its name under the records folder (default: the newest).")
    String recordName;

    @Mixin
    OutputOption output;

    @Override
    public List<String> formats() {
        return List.of("markdown", "json");
    }

    @Override
    public Integer call() {
        String format = output.format();
        Session session = new Session(root);
        Path dir = RecordWriter.defaultDir(session.environment().env());
        Path record = recordName == null ? newest(dir) : locate(dir, recordName);
        IncidentReport report = IncidentReport.of(record.getFileName().toString(), read(record));
        if (format.equals("json")) {
            session.out().println(Json.pretty(report));
        } else {
            session.out().print(IncidentMarkdown.render(report, session.lang()));
        }
        return 0;
    }

    private static Path newest(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw IrmException.usage("no records yet in " + dir + " (every 'irm run' writes one)");
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jsonl"))
                    .max(Comparator.comparing((Path p) -> p.toFile().lastModified()).thenComparing(p -> p.getFileName().toString()))
                    .orElseThrow(() -> IrmException.usage("no records yet in " + dir + " (every 'irm run' writes one)"));
        } catch (IOException e) {
            throw IrmException.usage("cannot list " + dir + ": " + e.getMessage());
        }
    }

    private static Path locate(Path dir, String name) {
        Path given = Path.of(name);
        if (Files.isRegularFile(given)) {
            return given;
        }
        Path inDir = dir.resolve(name);
        if (Files.isRegularFile(inDir)) {
            return inDir;
        }
        throw IrmException.usage("no record " + name + " (nor " + inDir + ")");
    }

    /** Every complete line; a last line cut by a crash is left out. */
    static List<JsonNode> read(Path record) {
        List<JsonNode> events = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(record, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    events.add(Json.MAPPER.readTree(line));
                } catch (IOException torn) {
                    // only the last line can be torn by a kill; it holds nothing complete
                }
            }
        } catch (IOException e) {
            throw IrmException.usage("cannot read " + record + ": " + e.getMessage());
        }
        if (events.isEmpty() || !events.get(0).has("event")) {
            throw IrmException.usage(record + " is not an irm record");
        }
        return events;
    }
}
