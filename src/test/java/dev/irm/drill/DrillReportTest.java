package dev.irm.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.engine.TimelineEvent;
import dev.irm.support.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The drill report reveals the fault and carries each run's incident report, as irm report makes it. */
class DrillReportTest {
    private static final Instant START = Instant.parse("2026-12-02T05:00:00Z");

    @Test
    void revealsTheFaultScoresAndEmbedsTheRunsReports() throws Exception {
        DrillState d = new DrillState("1", "20261202T050000Z", "redis-oom", "CRITICAL", "redis-oom", "Redis memory full", "P0", 300, false, "lab", START,
                "PAGE P0: the whole service looks down", 1L, null, START.plusSeconds(100), START.plusSeconds(104), DrillState.RECOVERED);
        List<TimelineEvent> events = Records.decoded(List.of(
                node(new TimelineEvent.Line(START.plusSeconds(10), "run.started", null, "Redis memory full", null, null,
                        Map.of("runbook", "redis-oom", "severity", "P0", "context", "lab", "responseTime", "PT5M"))),
                node(new TimelineEvent.Line(START.plusSeconds(20), "run.finished", null, null, "OK", null, Map.of("exitCode", 0)))));
        JournalEntry late = new JournalEntry(START.plusSeconds(200), "diagnose", "lab", List.of());
        JournalEntry elsewhere = new JournalEntry(START.plusSeconds(50), "diagnose", "prod", List.of());
        JournalEntry seen = new JournalEntry(START.plusSeconds(5), "diagnose", "lab",
                List.of(new JournalEntry.Pointer("redis-oom", "CRITICAL redis.memory: 96%")));
        DrillReport report = DrillReport.of(d, List.of(seen, elsewhere, late), List.of(new dev.irm.engine.RunRecord(java.nio.file.Path.of("r.jsonl"), events, List.of())));
        assertEquals(List.of(seen), report.observed(), "what irm showed after the drill ended, or on another context, is not the drill's");
        JsonNode json = Json.MAPPER.readTree(Json.pretty(report));
        assertEquals("redis-oom", json.path("drill").path("injected").asText());
        assertEquals("ended", json.path("drill").path("state").asText());
        assertEquals(100, json.path("score").path("total").asInt());
        assertEquals("redis-oom", json.path("runs").get(0).path("summary").path("runbook").asText());
        String md = DrillMarkdown.render(report, "en");
        assertTrue(md.contains("| Injected fault | `redis-oom` — Redis memory full |"), md);
        assertTrue(md.contains("## Score: 100 / 100"), md);
        assertTrue(md.contains("| irm diagnose | redis-oom ✓ |"), md);
        assertTrue(md.contains("\n## Incident report: Redis memory full"), "the run's report, one heading level down:\n" + md);
    }

    private static String node(TimelineEvent.Line e) {
        return Json.line(e);
    }
}
