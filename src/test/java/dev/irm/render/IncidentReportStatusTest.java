package dev.irm.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.irm.engine.CheckResult;
import dev.irm.engine.Status;
import dev.irm.engine.TimelineEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code irm report} combines a service's recorded checks with the engine's one algebra: a WARNING beside an UNKNOWN is a WARNING. */
class IncidentReportStatusTest {

    @Test
    void affectedServicesTakeTheWorstStateOfTheEngineAlgebra() {
        List<TimelineEvent> events = new ArrayList<>();
        events.add(new TimelineEvent.RunStarted(AT, null, "circuit-breaker-open", null, false, null, Map.of(), null, null,
                List.of("http", "redis", "docker"), null));
        events.add(finished("breakers", "http", Status.WARNING, "http.circuit-breakers"));
        events.add(finished("p95", "http", Status.UNKNOWN, "http.latency-p95"));
        events.add(finished("queue", "redis", Status.UNKNOWN, "redis.queue"));
        events.add(finished("queue2", "redis", Status.OK, "redis.queue2"));
        events.add(finished("containers", "docker", Status.SKIPPED, "docker.configured"));
        events.add(new TimelineEvent.RunFinished(AT, Status.WARNING, 1, 0, 1));
        IncidentReport report = IncidentReport.of("r.jsonl", events);
        assertEquals("WARNING", service(report, "http").status());
        assertEquals(2, service(report, "http").findings().size(), "the UNKNOWN is listed, it just does not win");
        assertEquals("UNKNOWN", service(report, "redis").status());
        assertEquals("SKIPPED", service(report, "docker").status());
        assertEquals(0, service(report, "docker").findings().size(), "a target that is not configured is no finding");
        assertEquals(1, report.summary().exitCode());
    }

    private static final Instant AT = Instant.parse("2026-12-02T01:00:00Z");

    private static IncidentReport.Service service(IncidentReport r, String target) {
        return r.affectedServices().stream().filter(s -> s.target().equals(target)).findFirst().orElseThrow();
    }

    private static TimelineEvent finished(String step, String target, Status status, String check) {
        return new TimelineEvent.StepFinished(AT, step, step, status, null, "diagnostic", 0, null, null,
                List.of(new CheckResult(target, check, check, status, "s", Map.of(), null, 0)));
    }
}
