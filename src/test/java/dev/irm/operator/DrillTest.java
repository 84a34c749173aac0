package dev.irm.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.drill.DrillFiles;
import dev.irm.drill.DrillState;
import dev.irm.drill.DrillStore;
import dev.irm.testing.GuidedTerminal;
import dev.irm.testing.IrmCli;
import dev.irm.testing.LabFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code irm drill} end to end on the real lab (LabFixture.shared) through a pseudo-terminal: a random
 * fault (among those the lab's runbooks can clear themselves) is injected unnamed, the responder diagnoses, walks the guided run of the runbook the findings
 * point at and confirms its mitigations; the drill's background watcher notices the recovery, and the
 * report reveals the fault and scores it. A second drill, dry: its run only previews, the lab heals itself.
 */
class DrillTest {
    private static final Duration RECOVERY = Duration.ofSeconds(90);
    /** Faults whose runbook's own mitigations clear them in the lab (others need a person's hand: a rollback, a fix). */
    private static final List<String> HEALED_BY_THEIR_RUNBOOK = List.of("redis-oom", "kafka-lag");
    private static final Pattern TYPED_WORD = Pattern.compile("type (\\S+) to run it");
    private static LabFixture lab;

    @BeforeAll
    static void lab() {
        lab = LabFixture.shared();
    }

    /** A failed test leaves no drill running and no fault in the shared lab. */
    @AfterEach
    void stopAnyDrill() {
        if (store().active().isPresent()) {
            lab.irm("drill", "stop");
        }
    }

    private static DrillStore store() {
        return new DrillStore(DrillFiles.of(lab.env()));
    }

    private static GuidedTerminal terminal() {
        GuidedTerminal t = new GuidedTerminal();
        lab.env().forEach(t::env);
        return t;
    }

    @Test
    void randomFaultGuidedRunMitigationRecoveryScoreAndReport() throws Exception {
        try (GuidedTerminal t = terminal()) {
            IrmCli.Result started = t.plain("drill", "--random", "--among", String.join(",", HEALED_BY_THEIR_RUNBOOK));
            assertEquals(0, started.code(), started.toString());
            DrillState drill = store().active().orElseThrow();
            assertTrue(started.out().contains("PAGE " + drill.severity()), started.out());
            assertFalse(started.out().contains(drill.runbook()), "the briefing does not name the fault:\n" + started.out());
            assertTrue(ProcessHandle.of(drill.watcherPid()).map(ProcessHandle::isAlive).orElse(false), "the recovery watcher runs");
            assertTrue(HEALED_BY_THEIR_RUNBOOK.contains(drill.runbook()), drill.runbook());
            IrmCli.Result again = t.plain("drill", "--random");
            assertEquals(64, again.code(), "one drill at a time: " + again);

            String runbook = diagnoseUntilAFindingPointsAt(t, drill.runbook());
            assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
                t.start("--context", "lab", "--no-color", "run", runbook);
                respond(t);
                t.exitCode();
            });
            DrillState ended = waitUntilEnded();
            assertEquals(DrillState.RECOVERED, ended.endedBy(), ended.toString());
            assertNull(ended.healedAt(), "recovered by the run's mitigation, not by the lab");
            ProcessHandle.of(drill.watcherPid()).ifPresent(p -> p.onExit().orTimeout(15, java.util.concurrent.TimeUnit.SECONDS).join());
            assertFalse(ProcessHandle.of(drill.watcherPid()).map(ProcessHandle::isAlive).orElse(false), "the watcher ended with the drill");
            List<JsonNode> events = GuidedRunTest.events(newestRecord(runbook));
            assertTrue(GuidedRunTest.names(events).stream().anyMatch(n -> n.startsWith("mitigation.executed")), GuidedRunTest.names(events).toString());

            IrmCli.Result md = t.plain("drill", "report");
            assertEquals(0, md.code(), md.toString());
            System.out.println(md.out()); // the drill's report, in the test's output file
            assertTrue(md.out().contains("| Injected fault | `" + drill.runbook() + "`"), md.out());
            assertTrue(md.out().contains("| the runbook was run | yes"), md.out());
            assertTrue(md.out().contains("## Incident report: "), "each run's report, as irm report makes it:\n" + md.out());
            JsonNode json = t.plain("drill", "report", "-o", "json").json();
            JsonNode score = json.path("score");
            assertEquals(drill.runbook(), json.path("drill").path("injected").asText());
            assertTrue(score.path("runbookRun").asBoolean(), score.toString());
            assertTrue(score.path("identifiedAfterS").isNumber(), score.toString());
            assertTrue(score.path("recoveredAfterS").asLong() <= ended.responseTimeS(), score.toString());
            assertEquals(runbook, json.path("runs").get(0).path("summary").path("runbook").asText());
            assertTrue(score.path("total").asInt() >= 80, "identified, run and recovered in time: " + score);
            assertHealthy();
        }
    }

    @Test
    void aDryDrillOnlyPreviewsAndTheLabHealsItself() throws Exception {
        try (GuidedTerminal t = terminal()) {
            IrmCli.Result started = t.plain("drill", "redis-oom", "--dry-run");
            assertEquals(0, started.code(), started.toString());
            assertTrue(started.out().contains("Dry drill"), started.out());
            diagnoseUntilAFindingPointsAt(t, "redis-oom");
            assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
                t.start("--context", "lab", "--no-color", "run", "redis-oom");
                respond(t);
                t.exitCode();
            });
            assertTrue(t.err().contains("a dry drill is running"), t.err());
            List<String> names = GuidedRunTest.names(GuidedRunTest.events(newestRecord("redis-oom")));
            assertTrue(names.contains("mitigation.dry-run:delete_cache"), names.toString());
            assertFalse(names.stream().anyMatch(n -> n.startsWith("mitigation.executed")), names.toString());
            DrillState ended = waitUntilEnded();
            assertEquals(DrillState.RECOVERED, ended.endedBy(), ended.toString());
            assertNotNull(ended.healedAt(), "the lab healed itself after the dry run");
            JsonNode json = t.plain("drill", "report", "-o", "json").json();
            assertTrue(json.path("drill").path("dryRun").asBoolean());
            assertTrue(json.path("score").path("simulatedRecovery").asBoolean());
            assertHealthy();
        }
    }

    /** A private lab (no Kafka): drill stop heals and stops the watcher; lab down during a drill leaves no watcher behind. */
    @Test
    void drillStopHealsAndLabDownLeavesNoWatcher() throws Exception {
        LabFixture own = LabFixture.start("--without", "kafka");
        try {
            assertEquals(64, own.irm("drill", "--among", "redis-oom").code(), "--among goes with --random");
            IrmCli.Result spike = own.irm("drill", "traffic-spike");
            assertEquals(64, spike.code(), "breakable, but the lab cannot scale out to end it: " + spike);
            assertTrue(spike.err().contains("not for drills"), spike.err());
            assertEquals(0, own.irm("drill", "redis-oom").code());
            DrillStore store = new DrillStore(DrillFiles.of(own.env()));
            long first = store.active().orElseThrow().watcherPid();
            IrmCli.Result stop = own.irm("drill", "stop");
            assertEquals(0, stop.code(), stop.toString());
            assertTrue(stop.out().contains("the fault was redis-oom"), stop.out());
            assertEquals(DrillState.STOPPED, store.latest().orElseThrow().endedBy());
            ProcessHandle.of(first).ifPresent(p -> p.onExit().orTimeout(15, java.util.concurrent.TimeUnit.SECONDS).join());
            JsonNode healed = own.irm("--context", "lab", "diagnose", "redis", "-o", "json").json();
            healed.path("findings").forEach(f -> assertFalse(f.path("runbook").asText().equals("redis-oom"), f.toString()));

            assertEquals(0, own.irm("drill", "redis-oom").code());
            long second = store.active().orElseThrow().watcherPid();
            assertEquals(0, own.irm("lab", "down").code());
            ProcessHandle.of(second).ifPresent(p -> p.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join());
            assertFalse(ProcessHandle.of(second).map(ProcessHandle::isAlive).orElse(false), "the watcher ends with the lab");
            IrmCli.Result report = own.irm("drill", "report", "-o", "json");
            assertEquals(0, report.code(), "the drill's report outlives the lab: " + report);
            assertEquals("redis-oom", report.json().path("drill").path("injected").asText(), report.out());
            assertEquals(DrillState.LAB_DOWN, report.json().path("drill").path("endedBy").asText(), report.out());
        } finally {
            own.down();
        }
    }

    /** What a responder does first: diagnose the lab until a finding names the runbook (a scrape may be needed). */
    private static String diagnoseUntilAFindingPointsAt(GuidedTerminal t, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<String> pointed = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            IrmCli.Result diagnose = t.plain("--context", "lab", "diagnose", "all", "-o", "json");
            pointed.clear();
            diagnose.json().path("findings").forEach(f -> pointed.add(f.path("runbook").asText()));
            if (pointed.contains(expected)) {
                return expected;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("diagnose all never pointed at " + expected + "; last: " + pointed);
    }

    /** Walks a guided run: runs each step, approves each mitigation (typing the word of a high-risk one), marks manual steps done. */
    private static void respond(GuidedTerminal t) {
        while (true) {
            String prompt = t.expectAny(Duration.ofSeconds(60), "Enter run", "Enter preview", "Enter show", "Run it?", "to run it;",
                    "Done?", "[y/n]", "Report: irm report");
            switch (prompt) {
                case "Run it?" -> t.type("y");
                case "[y/n]" -> t.type("y");
                case "to run it;" -> {
                    Matcher word = TYPED_WORD.matcher(t.screen().substring(0, t.screen().lastIndexOf("to run it;") + "to run it;".length()));
                    String last = null;
                    while (word.find()) {
                        last = word.group(1);
                    }
                    t.type(last + "\r");
                }
                case "Report: irm report" -> {
                    return;
                }
                default -> t.type("\r");
            }
        }
    }

    private static DrillState waitUntilEnded() throws InterruptedException {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        while (System.nanoTime() < deadline) {
            DrillState d = store().latest().orElseThrow();
            if (!d.active()) {
                return d;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the drill did not end within " + RECOVERY + ": " + store().latest() + "\nwatcher: " + watcherLog());
    }

    private static String watcherLog() {
        try {
            Path log = DrillFiles.of(lab.env()).watcherLog();
            return Files.exists(log) ? Files.readString(log) : "(no log)";
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    private static Path newestRecord(String runbook) throws java.io.IOException {
        Path dir = Path.of(lab.env().get("XDG_STATE_HOME"), "irm", "records");
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().contains("-" + runbook + "-")).max(java.util.Comparator.naturalOrder()).orElseThrow();
        }
    }

    private static void assertHealthy() {
        IrmCli.Result diagnose = lab.irm("--context", "lab", "diagnose", "all", "-o", "json");
        List<String> critical = new ArrayList<>();
        diagnose.json().path("findings").forEach(f -> {
            if (f.path("severity").asText().equals("CRITICAL")) {
                critical.add(f.toString());
            }
        });
        assertEquals(List.of(), critical, "the lab is healthy after the drill");
    }
}
