package dev.irm.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.support.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code irm report} combines a service's recorded checks with the engine's one algebra: a WARNING beside an UNKNOWN is a WARNING. */
class IncidentReportStatusTest {

    @Test
    void affectedServicesTakeTheWorstStateOfTheEngineAlgebra() throws Exception {
        List<JsonNode> events = new ArrayList<>();
        events.add(event("run.started", null, null, "{\"runbook\":\"circuit-breaker-open\",\"targets\":[\"http\",\"redis\",\"docker\"]}"));
        events.add(event("step.finished", "breakers", "WARNING", checks("http", "WARNING", "http.circuit-breakers")));
        events.add(event("step.finished", "p95", "UNKNOWN", checks("http", "UNKNOWN", "http.latency-p95")));
        events.add(event("step.finished", "queue", "UNKNOWN", checks("redis", "UNKNOWN", "redis.queue")));
        events.add(event("step.finished", "queue2", "OK", checks("redis", "OK", "redis.queue2")));
        events.add(event("step.finished", "containers", "SKIPPED", checks("docker", "SKIPPED", "docker.configured")));
        events.add(event("run.finished", null, "WARNING", "{\"exitCode\":1}"));
        IncidentReport report = IncidentReport.of("r.jsonl", events);
        assertEquals("WARNING", service(report, "http").status());
        assertEquals(2, service(report, "http").findings().size(), "the UNKNOWN is listed, it just does not win");
        assertEquals("UNKNOWN", service(report, "redis").status());
        assertEquals("SKIPPED", service(report, "docker").status());
        assertEquals(0, service(report, "docker").findings().size(), "a target that is not configured is no finding");
        assertEquals(1, report.summary().exitCode());
    }

    private static IncidentReport.Service service(IncidentReport r, String target) {
        return r.affectedServices().stream().filter(s -> s.target().equals(target)).findFirst().orElseThrow();
    }

    private static String checks(String target, String status, String id) {
        return "{\"checks\":[{\"target\":\"" + target + "\",\"id\":\"" + id + "\",\"status\":\"" + status + "\",\"summary\":\"s\"}]}";
    }

    private static JsonNode event(String event, String step, String status, String data) throws Exception {
        return Json.MAPPER.readTree("{\"at\":\"2026-12-02T01:00:00Z\",\"event\":\"" + event + "\""
                + (step == null ? "" : ",\"step\":\"" + step + "\",\"title\":\"" + step + "\"")
                + (status == null ? "" : ",\"status\":\"" + status + "\"") + ",\"data\":" + data + "}");
    }
}
