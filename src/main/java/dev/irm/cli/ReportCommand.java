package dev.irm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.support.BoundedInput;
import dev.irm.support.ExitCode;
import dev.irm.support.IrmException;
import dev.irm.engine.RecordWriter;
import dev.irm.render.IncidentMarkdown;
import dev.irm.render.IncidentReport;
import dev.irm.support.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
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
    static final long MAX_RECORD_BYTES = 64L * 1024 * 1024;
    static final int MAX_LINE_CHARS = 4 * 1024 * 1024;

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
        List<String> skipped = new ArrayList<>();
        IncidentReport report = IncidentReport.of(record.getFileName().toString(), read(record, skipped));
        if (!skipped.isEmpty()) {
            PrintWriter err = root.spec.commandLine().getErr();
            err.println("irm: " + record + ": skipped " + skipped.size() + " bad line" + (skipped.size() == 1 ? "" : "s")
                    + " (" + String.join("; ", skipped.subList(0, Math.min(3, skipped.size()))) + (skipped.size() > 3 ? "; …" : "") + ")");
            err.flush();
        }
        if (format.equals("json")) {
            session.out().println(Json.pretty(report));
        } else {
            session.out().print(IncidentMarkdown.render(report, session.lang()));
        }
        return ExitCode.OK;
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

    /**
     * Every complete, well-formed event. A last line cut by a crash is left out silently; any other
     * line that is not an event (no {@code event} name, no {@code at} time, not JSON, too long) is
     * left out and named in {@code skipped}: a forged or damaged record still makes a report.
     */
    static List<JsonNode> read(Path record, List<String> skipped) {
        String text;
        try {
            text = BoundedInput.readRegularFile(record, MAX_RECORD_BYTES);
        } catch (IOException e) {
            throw IrmException.usage("cannot read record " + record + ": " + e.getMessage());
        }
        List<JsonNode> events = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            String problem = null;
            if (line.length() > MAX_LINE_CHARS) {
                problem = "longer than " + MAX_LINE_CHARS + " characters";
            } else {
                try {
                    JsonNode event = Json.MAPPER.readTree(line);
                    problem = problem(event);
                    if (problem == null) {
                        events.add(event);
                    }
                } catch (IOException torn) {
                    // only the last line can be torn by a kill; it holds nothing complete
                    problem = i == lines.length - 1 ? null : "not JSON";
                }
            }
            if (problem != null) {
                skipped.add("line " + (i + 1) + ": " + problem);
            }
        }
        if (events.isEmpty() || !events.get(0).has("event")) {
            throw IrmException.usage(record + " is not an irm record" + (skipped.isEmpty() ? "" : " (" + skipped.get(0) + ")"));
        }
        return events;
    }

    private static String problem(JsonNode event) {
        if (event == null || !event.isObject()) {
            return "not an event object";
        }
        if (!event.path("event").isTextual()) {
            return "'event' is not a name";
        }
        try {
            Instant.parse(event.path("at").asText());
        } catch (DateTimeParseException e) {
            return "'at' is not a time";
        }
        return null;
    }
}
