package dev.irm.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.irm.engine.RunRecord;
import dev.irm.engine.CheckResult;
import dev.irm.engine.DiagnoseResult;
import dev.irm.engine.Status;
import dev.irm.engine.TargetResult;
import dev.irm.engine.TimelineEvent;
import dev.irm.support.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scoring on records built event by event, as RecordWriter writes them (no lab needed). */
class DrillScoringTest {
    private static final Instant START = Instant.parse("2026-12-02T05:00:00Z");

    private static DrillState drill(String runbook, String severity, long responseS, boolean dry, Instant recoveredAt) {
        return new DrillState("1", "20261202T050000Z", runbook, "CRITICAL", runbook, "title", severity, responseS, dry, "lab", START, "PAGE", 1L,
                null, recoveredAt, recoveredAt, recoveredAt == null ? null : DrillState.RECOVERED);
    }

    /** A run's record: events at START + seconds. */
    private static final class Run {
        private final String name;
        private final List<String> lines = new ArrayList<>();

        Run(String runbook, long atS, String context) {
            this.name = "20261202T05000" + atS + "Z-" + runbook + "-1.jsonl";
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("runbook", runbook);
            data.put("severity", "P0");
            data.put("context", context);
            data.put("responseTime", "PT5M");
            add(atS, "run.started", null, "Title of " + runbook, null, null, data);
        }

        Run add(long atS, String event, String step, String title, String status, String message, Map<String, Object> data) {
            lines.add(Json.line(new TimelineEvent.Line(START.plusSeconds(atS), event, step, title, status, message, data)));
            return this;
        }

        /** previewed (with its risk), then the decision event. */
        Run mitigation(long atS, String step, String risk, String decision, String message) {
            add(atS, "mitigation.previewed", step, "Step " + step, null, "CMD " + step, Map.of("risk", risk, "blastRadius", "some"));
            return add(atS, "mitigation." + decision, step, "Step " + step, decision.toUpperCase().replace('-', '_'), message, Map.of());
        }

        Run finished(long atS) {
            return add(atS, "run.finished", null, null, "OK", null, Map.of("exitCode", 0));
        }

        RunRecord record() {
            return new RunRecord(java.nio.file.Path.of(name), Records.decoded(lines), List.of());
        }
    }

    private static JournalEntry diagnose(long atS, String context, String... runbooks) {
        List<JournalEntry.Pointer> pointers = new ArrayList<>();
        for (String r : runbooks) {
            pointers.add(new JournalEntry.Pointer(r, "CRITICAL check of " + r));
        }
        return new JournalEntry(START.plusSeconds(atS), "diagnose", context, pointers);
    }

    @Test
    void aCleanResponseWithinTheResponseTimeScoresFull() {
        DrillState d = drill("redis-oom", "P0", 300, false, START.plusSeconds(180));
        RunRecord run = new Run("redis-oom", 60, "lab").mitigation(90, "delete_cache", "medium", "executed", "approved by oncall")
                .add(95, "step.skipped", "flushdb", "Flush", "SKIPPED", "condition not met: steps.verify_memory.status == 'CRITICAL'", Map.of())
                .finished(100).record();
        DrillScore s = DrillScoring.score(d, List.of(diagnose(30, "lab", "error-surge", "redis-oom")), List.of(run));
        assertEquals(30L, s.identifiedAfterS());
        assertEquals("irm diagnose: CRITICAL check of redis-oom", s.identifiedBy());
        assertTrue(s.runbookRun());
        assertEquals(180L, s.recoveredAfterS());
        assertTrue(s.recoveredInTime());
        assertEquals(List.of(), s.unneededHighRisk());
        assertEquals(List.of(), s.neededSkipped(), "a step whose condition did not hold was not needed");
        assertEquals(100, s.total(), s.points().toString());
    }

    @Test
    void findingsBeforeTheStartOrOnAnotherContextDoNotCountButTriageDoes() {
        DrillState d = drill("db-pool-exhaustion", "P0", 300, false, null);
        List<JournalEntry> journal = List.of(diagnose(-10, "lab", "db-pool-exhaustion"), diagnose(20, "prod", "db-pool-exhaustion"),
                new JournalEntry(START.plusSeconds(400), "triage", "prod",
                        List.of(new JournalEntry.Pointer("db-pool-exhaustion", "top match db-pool-exhaustion"))));
        DrillScore s = DrillScoring.score(d, journal, List.of());
        assertEquals(400L, s.identifiedAfterS());
        assertEquals(10, s.points().get(0).points(), "found, but later than the 5 min of P0");
        assertFalse(s.runbookRun());
        assertNull(s.recoveredAfterS());
        assertEquals(10, s.total(), "no run, no recovery, no discipline points without a run: " + s.points());
    }

    @Test
    void startingTheRightRunbookCountsAsIdentifyingIt() {
        DrillState d = drill("kafka-lag", "P2", 3600, false, null);
        RunRecord run = new Run("kafka-lag", 5, "lab").finished(9).record();
        DrillScore s = DrillScoring.score(d, List.of(diagnose(50, "lab", "kafka-lag")), List.of(run));
        assertEquals(5L, s.identifiedAfterS());
        assertEquals("irm run kafka-lag", s.identifiedBy());
    }

    @Test
    void highRiskInTheWrongRunbookAndDeclinedNeededStepsCostDiscipline() {
        DrillState d = drill("redis-oom", "P0", 300, false, START.plusSeconds(420));
        RunRecord wrong = new Run("redis-down", 10, "lab").mitigation(20, "docker_restart", "high", "executed", "approved").finished(30).record();
        RunRecord right = new Run("redis-oom", 40, "lab").mitigation(50, "delete_cache", "medium", "declined", "declined by oncall")
                .add(60, "manual.acknowledged", "declare", "Declare the incident", "SKIPPED", "left open", Map.of("by", "oncall"))
                .finished(70).record();
        DrillScore s = DrillScoring.score(d, List.of(), List.of(wrong, right));
        assertEquals(1, s.unneededHighRisk().size());
        assertTrue(s.unneededHighRisk().get(0).why().contains("not the drill's (redis-oom)"), s.unneededHighRisk().toString());
        assertEquals(List.of("delete_cache", "declare"), s.neededSkipped().stream().map(DrillScore.StepNote::step).toList());
        assertFalse(s.recoveredInTime());
        assertEquals(20, s.points().get(2).points(), "recovered, but after the response time");
        assertEquals(0, s.points().get(3).points(), "20 - 10 - 2 × 5");
        assertEquals(20 + 20 + 20, s.total());
    }

    @Test
    void highRiskAfterPassingOverALowerRiskStepIsNotNeededAndALaterRunUndoesTheSkip() {
        DrillState d = drill("redis-oom", "P0", 300, false, START.plusSeconds(200));
        RunRecord first = new Run("redis-oom", 10, "lab").mitigation(20, "delete_cache", "medium", "not-selected", "not selected with --step")
                .mitigation(30, "flushdb", "high", "executed", "approved").finished(40).record();
        RunRecord second = new Run("redis-oom", 100, "lab").mitigation(110, "delete_cache", "medium", "executed", "approved").finished(120).record();
        DrillScore s = DrillScoring.score(d, List.of(), List.of(first, second));
        assertEquals(List.of("flushdb"), s.unneededHighRisk().stream().map(DrillScore.StepNote::step).toList());
        assertTrue(s.unneededHighRisk().get(0).why().contains("passed over: delete_cache"));
        assertEquals(List.of(), s.neededSkipped(), "delete_cache ran in the second run");
    }

    @Test
    void aStepLeftOpenInTwoRunsCountsOnceAndNotAtAllOnceDone() {
        DrillState d = drill("kafka-lag", "P2", 3600, false, null);
        Run first = new Run("kafka-lag", 10, "lab");
        Run second = new Run("kafka-lag", 20, "lab");
        for (Run r : List.of(first, second)) {
            r.add(25, "manual.acknowledged", "declare", "Declare", "SKIPPED", "left open", Map.of("by", "oncall"))
                    .add(26, "manual.acknowledged", "restart", "Restart", "SKIPPED", "left open", Map.of("by", "oncall"));
        }
        RunRecord third = new Run("kafka-lag", 30, "lab").add(31, "manual.acknowledged", "restart", "Restart", "OK", "done",
                Map.of("by", "oncall")).record();
        DrillScore s = DrillScoring.score(d, List.of(), List.of(first.record(), second.record(), third));
        assertEquals(List.of("declare"), s.neededSkipped().stream().map(DrillScore.StepNote::step).toList());
    }

    @Test
    void highRiskAfterRecoveryIsNotNeeded() {
        DrillState d = drill("redis-oom", "P0", 300, false, START.plusSeconds(60));
        RunRecord run = new Run("redis-oom", 10, "lab").mitigation(90, "flushdb", "high", "executed", "approved").finished(95).record();
        DrillScore s = DrillScoring.score(d, List.of(), List.of(run));
        assertEquals("the lab had already recovered", s.unneededHighRisk().get(0).why());
    }

    @Test
    void aDryDrillCountsDryRunsAsTakenAndSaysTheRecoveryWasSimulated() {
        DrillState d = drill("redis-oom", "P0", 300, true, START.plusSeconds(120));
        RunRecord run = new Run("redis-oom", 10, "lab").mitigation(20, "delete_cache", "medium", "dry-run", "dry run: not executed")
                .finished(30).record();
        DrillScore s = DrillScoring.score(d, List.of(), List.of(run));
        assertTrue(s.simulatedRecovery());
        assertEquals(List.of(), s.neededSkipped());
        assertTrue(s.points().get(2).criterion().contains("dry drill"));
        assertEquals(100, s.total());
    }

    @Test
    void healthyMeansNoFindingOfTheRunbookAndSomethingJudged() {
        CheckResult oom = new CheckResult("redis", "redis.memory", "Memory", Status.CRITICAL, "96%", Map.of(), "redis-oom", 1);
        CheckResult ok = new CheckResult("redis", "redis.memory", "Memory", Status.OK, "10%", Map.of(), "redis-oom", 1);
        CheckResult other = new CheckResult("http", "http.errors", "5xx", Status.WARNING, "2%", Map.of(), "error-surge", 1);
        CheckResult skipped = new CheckResult("kafka", "kafka.configured", "Configured", Status.SKIPPED, "none", Map.of(), null, 1);
        CheckResult misses = new CheckResult("redis", "redis.hit-ratio", "Hit ratio", Status.WARNING, "12%", Map.of(), "redis-oom", 1);
        assertFalse(RecoveryWatcher.healthy(result(new TargetResult("redis", "r", Status.CRITICAL, 1, List.of(oom))), "redis-oom", "CRITICAL"));
        assertTrue(RecoveryWatcher.healthy(result(new TargetResult("redis", "r", Status.OK, 1, List.of(ok)),
                new TargetResult("http", "h", Status.WARNING, 1, List.of(other))), "redis-oom", "CRITICAL"), "another runbook's lingering finding is not this fault");
        assertTrue(RecoveryWatcher.healthy(result(new TargetResult("redis", "r", Status.WARNING, 1, List.of(misses))), "redis-oom", "CRITICAL"),
                "a WARNING left by the mitigation does not hold a CRITICAL fault open");
        assertFalse(RecoveryWatcher.healthy(result(new TargetResult("redis", "r", Status.WARNING, 1, List.of(misses))), "redis-oom", "WARNING"));
        assertFalse(RecoveryWatcher.healthy(result(new TargetResult("redis", "r", Status.WARNING, 1, List.of(misses))), "redis-oom", null));
        assertFalse(RecoveryWatcher.healthy(result(new TargetResult("kafka", "k", Status.SKIPPED, 1, List.of(skipped))), "redis-oom", "CRITICAL"),
                "nothing judged is not healthy");
    }

    private static DiagnoseResult result(TargetResult... targets) {
        return new DiagnoseResult(START, 1, List.of(targets));
    }
}
