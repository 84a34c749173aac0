package dev.irm.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.connector.Observation;
import dev.irm.connector.Preview;
import dev.irm.connector.Risk;
import dev.irm.render.IncidentMarkdown;
import dev.irm.render.IncidentReport;
import dev.irm.render.RunText;
import dev.irm.render.Style;
import dev.irm.runbook.LoadedRunbook;
import dev.irm.runbook.RunbookLoader;
import dev.irm.runbook.RunbookValidator;
import dev.irm.support.Json;
import dev.irm.testing.FakeTarget;
import dev.irm.testing.ScriptedOperator;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden files of what a run leaves behind — the record (JSON Lines), the audit log, the text
 * output, the exit code — and of what {@code irm report} makes of a record (JSON and Markdown),
 * for four runs of one runbook on a {@link FakeTarget}. Times, durations and paths are
 * normalised; everything else must stay byte for byte. {@code -Dirm.golden.write=true} rewrites
 * the files under {@code src/test/resources/golden/} (then review the diff: it is the change).
 */
class TimelineGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final boolean WRITE = Boolean.getBoolean("irm.golden.write");
    private static final String WHO = "ops@test";

    @TempDir
    Path dir;

    @Test
    void anOperatorWhoConfirmsSomeAndDeclinesOne() throws Exception {
        Interaction person = ScriptedOperator.confirming(WHO, "flush", "drop");
        check("operator", person, options(false, false, Set.of(), Set.of()));
    }

    @Test
    void aDryRun() throws Exception {
        check("dry-run", Interaction.none(WHO), options(true, false, Set.of(), Set.of()));
    }

    @Test
    void aScriptWithYesAndStepLimits() throws Exception {
        check("yes", Interaction.none(WHO), options(false, true, Set.of(), Set.of("flush", "purge")));
    }

    @Test
    void aGuidedRunWithANoteASkipAndAQuit() throws Exception {
        List<Consumer<String>> note = new ArrayList<>();
        Interaction person = new ScriptedOperator(WHO, step -> switch (step.id()) {
            case "tell" -> {
                note.get(0).accept("paged the cache owner");
                yield Interaction.Directive.RUN;
            }
            case "drop" -> Interaction.Directive.SKIP;
            case "purge" -> Interaction.Directive.QUIT;
            default -> Interaction.Directive.RUN;
        }, Set.of("flush"), false, null, true);
        check("guided", person, options(false, false, Set.of(), Set.of()), note);
    }

    /** A record that is not irm's own (hand-made, damaged) still makes the same report. */
    @Test
    void aForgedRecordMakesTheSameReport() throws Exception {
        String record = """
                {"event":"run.started","at":"2026-12-01T00:00:00Z","title":"Forged","data":{"runbook":"redis-oom","targets":["redis"]}}
                {"event":"step.finished","at":"2026-12-01T00:00:02Z","step":"a","data":{"checks":"zz"}}
                {"event":"step.finished","at":"2026-12-01T00:00:02Z","step":"b","data":{"checks":[{"status":"WARNING","id":5},7]}}
                {"event":"mitigation.weird","at":"2026-12-01T00:00:02Z","step":"m","message":"done by someone"}
                {"event":"custom.thing","at":"2026-12-01T00:00:02Z","step":"m","message":"hello","data":{"by":"x@y"}}
                {"event":"run.finished","at":"2026-12-01T00:00:03Z","status":"OK","data":{"exitCode":"x"}}
                """;
        Path file = dir.resolve("forged.jsonl");
        Files.writeString(file, record);
        compare("forged", "report.json", reportJson(file));
        compare("forged", "report.md", reportMarkdown(file));
    }

    private void check(String name, Interaction interaction, RunOptions options) throws Exception {
        check(name, interaction, options, new ArrayList<>());
    }

    private void check(String name, Interaction interaction, RunOptions options, List<Consumer<String>> note) throws Exception {
        FakeTarget fake = fake();
        LoadedRunbook loaded = runbook(fake);
        Path audit = dir.resolve("audit.log");
        StringWriter text = new StringWriter();
        RunText live = new RunText(new PrintWriter(text), new Style(false));
        RunResult result;
        Path recordFile;
        try (RecordWriter record = RecordWriter.create(dir.resolve("records"), loaded.id(), Instant.now());
             ConnectorPool pool = new ConnectorPool(fake.registry(), fake.resolved())) {
            recordFile = record.file();
            AuditLog auditLog = new AuditLog(audit, loaded.id(), record.file());
            TimelineListener timeline = event -> {
                record.on(event);
                auditLog.on(event);
                live.on(event);
            };
            note.add(message -> timeline.on(new TimelineEvent.Note(Instant.now(), "tell", "Tell the team", message, WHO)));
            result = new RunbookRunner(fake.registry(), pool, interaction, timeline).run(loaded, options, record.file());
        }
        live.summary(result);
        String normalisedRecord = sortData(normalise(Files.readString(recordFile)));
        compare(name, "record.jsonl", normalisedRecord);
        compare(name, "audit.log", Files.exists(audit) ? normalise(Files.readString(audit)).replace(recordFile.toString(), "RECORD") : "");
        compare(name, "text.txt", normalise(text.toString()).replace(recordFile.toString(), "RECORD") + "exit " + result.exitCode() + "\n");
        Path fixed = dir.resolve("fixed.jsonl");
        Files.writeString(fixed, normalisedRecord);
        compare(name, "report.json", reportJson(fixed));
        compare(name, "report.md", reportMarkdown(fixed));
        compare(name, "calls.txt", String.join("\n", fake.calls()) + "\n");
    }

    private static String reportJson(Path record) throws IOException {
        return Json.pretty(IncidentReport.of("RECORD", events(record))) + "\n";
    }

    private static String reportMarkdown(Path record) throws IOException {
        return IncidentMarkdown.render(IncidentReport.of("RECORD", events(record)), "en")
                .replaceAll("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\S+", "DATE")
                .replaceAll("\\| \\d\\d:\\d\\d:\\d\\d \\|", "| CLOCK |");
    }

    private static List<TimelineEvent> events(Path record) {
        return RunRecord.read(record).events();
    }

    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");

    /** The n-th distinct time becomes 2026-01-01T00:00:0nZ (order kept); durations become 0. */
    static String normalise(String text) {
        Map<String, String> times = new LinkedHashMap<>();
        Matcher m = INSTANT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String fixed = times.computeIfAbsent(m.group(), t -> Instant.parse("2026-01-01T00:00:00Z").plusSeconds(times.size()).toString());
            m.appendReplacement(out, fixed);
        }
        m.appendTail(out);
        return out.toString()
                .replaceAll("\"durationMs\":\\d+", "\"durationMs\":0")
                .replaceAll("\\d+ ms", "N ms");
    }

    /**
     * The engine builds some {@code data} maps with {@code Map.of}, whose order changes from one JVM
     * to the next: inside {@code data} keys are sorted; the line's own fields keep their order.
     */
    static String sortData(String jsonLines) throws IOException {
        StringBuilder out = new StringBuilder();
        for (String line : jsonLines.split("\n")) {
            com.fasterxml.jackson.databind.node.ObjectNode event = (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(line);
            if (event.has("data")) {
                event.set("data", sorted(event.get("data")));
            }
            out.append(Json.MAPPER.writeValueAsString(event)).append('\n');
        }
        return out.toString();
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            com.fasterxml.jackson.databind.node.ObjectNode copy = Json.MAPPER.createObjectNode();
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.stream().sorted().forEach(n -> copy.set(n, sorted(node.get(n))));
            return copy;
        }
        if (node.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode copy = Json.MAPPER.createArrayNode();
            node.forEach(n -> copy.add(sorted(n)));
            return copy;
        }
        return node;
    }

    private static void compare(String scenario, String file, String actual) throws IOException {
        Path golden = GOLDEN.resolve(scenario).resolve(file);
        if (WRITE) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, actual);
            return;
        }
        assertTrue(Files.exists(golden), "no golden file " + golden + " (run with -Dirm.golden.write=true once)");
        assertEquals(Files.readString(golden), actual, scenario + "/" + file);
    }

    private static RunOptions options(boolean dryRun, boolean yes, Set<String> confirm, Set<String> only) {
        return new RunOptions(Map.of("limit", 80L), dryRun, yes, confirm, only, Duration.ofSeconds(2), "test", "en");
    }

    static FakeTarget fake() {
        AtomicInteger loads = new AtomicInteger();
        return new FakeTarget("redis")
                .read("load", args -> Observation.of(Map.of("load", loads.getAndIncrement() == 0 ? 90 : 30)))
                .read("broken", args -> {
                    throw new IllegalStateException("the fake broke");
                })
                .read("slow", args -> {
                    Thread.sleep(10_000);
                    return Observation.of(Map.of("y", 0));
                })
                .write("flush", Risk.LOW, Preview.of("FLUSH cache:*", "3 cache keys", 3, null),
                        args -> Observation.of(Map.of("removed", 3)))
                .write("drop", Risk.MEDIUM, Preview.of("DROP queue", "1 queue", 1, null), args -> {
                    throw new IllegalStateException("the queue is locked");
                })
                .write("purge", Risk.HIGH, Preview.of("PURGE *", "every key", 42, "everything"),
                        args -> Observation.of(Map.of("purged", 42)));
    }

    static LoadedRunbook runbook(FakeTarget fake) throws IOException {
        String yaml;
        try (InputStream in = Files.newInputStream(GOLDEN.resolve("fake-incident.yaml"))) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        LoadedRunbook loaded = new RunbookLoader().parse("fake-incident.yaml", yaml, false);
        assertEquals(List.of(), new RunbookValidator(fake.registry()).validate(loaded));
        return loaded;
    }
}
