package dev.irm.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.engine.TimelineEvent.ConsentAnswered;
import dev.irm.engine.TimelineEvent.ConsentAsked;
import dev.irm.engine.TimelineEvent.Foreign;
import dev.irm.engine.TimelineEvent.Line;
import dev.irm.engine.TimelineEvent.ManualAcknowledged;
import dev.irm.engine.TimelineEvent.ManualAnswered;
import dev.irm.engine.TimelineEvent.ManualShown;
import dev.irm.engine.TimelineEvent.MitigationFinished;
import dev.irm.engine.TimelineEvent.MitigationPreviewed;
import dev.irm.engine.TimelineEvent.MitigationStarted;
import dev.irm.engine.TimelineEvent.Note;
import dev.irm.engine.TimelineEvent.RunFinished;
import dev.irm.engine.TimelineEvent.RunQuit;
import dev.irm.engine.TimelineEvent.RunStarted;
import dev.irm.engine.TimelineEvent.StepFinished;
import dev.irm.engine.TimelineEvent.StepSkipped;
import dev.irm.engine.TimelineEvent.StepStarted;
import dev.irm.support.BoundedInput;
import dev.irm.support.IrmException;
import dev.irm.support.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A run's record read back ({@code irm report}, {@code irm drill}): its events by type, and the
 * lines that were not events. A last line cut by a crash is left out silently; any other line that
 * is not an event (no {@code event} name, no {@code at} time, not JSON, too long) is left out and
 * named in {@code skipped}: a forged or damaged record still reads.
 */
public record RunRecord(Path file, List<TimelineEvent> events, List<String> skipped) {
    static final long MAX_RECORD_BYTES = 64L * 1024 * 1024;
    static final int MAX_LINE_CHARS = 4 * 1024 * 1024;

    /** The record named (a path, or a file name under {@code dir}), or the newest in {@code dir} when null. */
    public static Path find(Path dir, String name) {
        return name == null ? newest(dir) : locate(dir, name);
    }

    /** The record's file name. */
    public String name() {
        return file.getFileName().toString();
    }

    /** The {@code run.started} event, or null when the record has none. */
    public RunStarted started() {
        return events.stream().filter(RunStarted.class::isInstance).map(RunStarted.class::cast).findFirst().orElse(null);
    }

    public String runbook() {
        RunStarted s = started();
        return s == null ? null : s.runbook();
    }

    public Instant startedAt() {
        RunStarted s = started();
        return s == null ? null : s.at();
    }

    public static RunRecord read(Path file) {
        String text;
        try {
            text = BoundedInput.readRegularFile(file, MAX_RECORD_BYTES);
        } catch (IOException e) {
            throw IrmException.usage("cannot read record " + file + ": " + e.getMessage());
        }
        List<TimelineEvent> events = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
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
                        events.add(decode(event));
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
        if (events.isEmpty()) {
            throw IrmException.usage(file + " is not an irm record" + (skipped.isEmpty() ? "" : " (" + skipped.get(0) + ")"));
        }
        return new RunRecord(file, List.copyOf(events), List.copyOf(skipped));
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

    /** The inverse of each event's {@link TimelineEvent#line()}; a field that is missing reads as null, 0 or false. */
    static TimelineEvent decode(JsonNode e) {
        String name = e.path("event").asText();
        Instant at = Instant.parse(e.path("at").asText());
        String step = text(e, "step");
        String title = text(e, "title");
        String status = text(e, "status");
        String message = text(e, "message");
        JsonNode d = e.path("data");
        return switch (name) {
            case RunStarted.NAME -> new RunStarted(at, title, text(d, "runbook"), text(d, "severity"), d.path("dryRun").asBoolean(),
                    text(d, "by"), map(d.path("variables")), text(d, "context"), text(d, "summary"), strings(d.path("targets")),
                    text(d, "responseTime"));
            case StepStarted.NAME -> new StepStarted(at, step, title, text(d, "kind"), text(d, "action"));
            case StepFinished.NAME -> new StepFinished(at, step, title, Status.parse(status), message, text(d, "kind"),
                    d.path("durationMs").asLong(), d.has("metrics") ? map(d.path("metrics")) : null, rows(d.path("rows")), checks(d.path("checks")));
            case StepSkipped.NAME -> new StepSkipped(at, step, title, message, text(d, "by"));
            case ManualShown.NAME -> new ManualShown(at, step, title, message, text(d, "template"), text(d, "messageText"));
            case ManualAnswered.NAME -> new ManualAnswered(at, step, title, "yes".equals(message) ? Boolean.TRUE : "no".equals(message) ? Boolean.FALSE : null,
                    text(d, "by"));
            case ManualAcknowledged.NAME -> new ManualAcknowledged(at, step, title, Status.OK.name().equals(status), text(d, "by"));
            case MitigationPreviewed.NAME -> new MitigationPreviewed(at, step, title, message, text(d, "blastRadius"), d.path("affected").asLong(),
                    text(d, "risk"), rows(d.path("sample")));
            case ConsentAsked.NAME -> new ConsentAsked(at, step, title, message, text(d, "risk"), text(d, "of"), d.path("person").asBoolean(),
                    d.path("yes").asBoolean());
            case ConsentAnswered.NAME -> new ConsentAnswered(at, step, title, decision(status), message, text(d, "by"));
            case MitigationStarted.NAME -> new MitigationStarted(at, step, title, message, text(d, "by"));
            case Note.NAME -> new Note(at, step, title, message, text(d, "by"));
            case RunQuit.NAME -> new RunQuit(at, step, title, text(d, "by"), d.path("mitigationsLeft").asBoolean());
            case RunFinished.NAME -> new RunFinished(at, Status.parse(status), d.path("exitCode").asInt(), d.path("durationMs").asLong(),
                    d.path("findings").asInt());
            default -> {
                MitigationOutcome.Decision decision = outcomeNamed(name);
                yield decision != null ? new MitigationFinished(at, step, title, decision, message, map(d.path("result")))
                        : new Foreign(new Line(at, name, step, title, status, message, map(d)));
            }
        };
    }

    private static MitigationOutcome.Decision outcomeNamed(String name) {
        for (MitigationOutcome.Decision d : MitigationOutcome.Decision.values()) {
            if (MitigationFinished.nameOf(d).equals(name)) {
                return d;
            }
        }
        return null;
    }

    private static MitigationOutcome.Decision decision(String status) {
        for (MitigationOutcome.Decision d : MitigationOutcome.Decision.values()) {
            if (d.name().equals(status)) {
                return d;
            }
        }
        return null;
    }

    private static List<CheckResult> checks(JsonNode checks) {
        List<CheckResult> out = new ArrayList<>();
        if (!checks.isArray()) {
            return out;
        }
        for (JsonNode c : checks) {
            if (!c.isObject()) {
                continue;
            }
            Status status = Status.parse(c.path("status").asText());
            out.add(new CheckResult(text(c, "target"), c.path("id").asText(), text(c, "title"), status == null ? Status.UNKNOWN : status,
                    c.path("summary").asText(), map(c.path("metrics")), text(c, "runbook"), c.path("durationMs").asLong(), subjects(c.path("subjects"))));
        }
        return out;
    }

    private static List<CheckResult.Subject> subjects(JsonNode subjects) {
        List<CheckResult.Subject> out = new ArrayList<>();
        if (subjects.isArray()) {
            for (JsonNode s : subjects) {
                Status status = Status.parse(s.path("status").asText());
                out.add(new CheckResult.Subject(s.path("name").asText(), status == null ? Status.UNKNOWN : status, s.path("summary").asText()));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(JsonNode node) {
        return node.isObject() ? Json.MAPPER.convertValue(node, Map.class) : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(JsonNode node) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(r -> out.add(map(r)));
        }
        return out;
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(t -> out.add(t.asText()));
        }
        return out;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }
}
