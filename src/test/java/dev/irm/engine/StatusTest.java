package dev.irm.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one state algebra (CONTRACT.md "Exit codes"): monitoring-plugins' max_state_alt, CRITICAL > WARNING > UNKNOWN > OK > SKIPPED. */
class StatusTest {

    @Test
    void worstOfEveryPairFollowsMaxStateAlt() {
        List<Status> order = List.of(Status.SKIPPED, Status.OK, Status.UNKNOWN, Status.WARNING, Status.CRITICAL);
        for (int i = 0; i < order.size(); i++) {
            for (int j = 0; j < order.size(); j++) {
                Status expected = order.get(Math.max(i, j));
                assertEquals(expected, order.get(i).max(order.get(j)), order.get(i) + " with " + order.get(j));
                assertEquals(expected, Status.worst(List.of(order.get(i), order.get(j))));
            }
        }
    }

    @Test
    void exitCodesOfMixedSets() {
        assertEquals(1, Status.overall(List.of(Status.WARNING, Status.UNKNOWN, Status.OK)).exitCode(), "a WARNING beside an UNKNOWN exits 1");
        assertEquals(2, Status.overall(List.of(Status.UNKNOWN, Status.CRITICAL)).exitCode());
        assertEquals(2, Status.overall(List.of(Status.WARNING, Status.CRITICAL, Status.UNKNOWN)).exitCode());
        assertEquals(3, Status.overall(List.of(Status.UNKNOWN, Status.OK, Status.SKIPPED)).exitCode());
        assertEquals(0, Status.overall(List.of(Status.OK, Status.SKIPPED)).exitCode());
        assertEquals(Status.OK, Status.overall(List.of(Status.SKIPPED)), "all SKIPPED is an OK command");
        assertEquals(Status.OK, Status.overall(List.of()));
        assertEquals(Status.SKIPPED, Status.worst(List.of(Status.SKIPPED)), "a target with only SKIPPED checks stays SKIPPED");
    }

    @Test
    void findingsAreListedWorstFirstAndTargetsCombineTheSameWay() {
        List<CheckResult> checks = List.of(check("a.unknown", Status.UNKNOWN), check("a.ok", Status.OK), check("a.warning", Status.WARNING),
                check("a.skipped", Status.SKIPPED), check("a.critical", Status.CRITICAL), check("a.unknown2", Status.UNKNOWN));
        List<String> ids = DiagnoseResult.findingsOf(checks).stream().map(Finding::check).toList();
        assertEquals(List.of("a.critical", "a.warning", "a.unknown", "a.unknown2"), ids);

        DiagnoseResult whole = new DiagnoseResult(Instant.now(), 1, List.of(
                new TargetResult("redis", "e", Status.WARNING, 1, List.of(check("r.w", Status.WARNING))),
                new TargetResult("http", "e", Status.UNKNOWN, 1, List.of(check("h.u", Status.UNKNOWN))),
                new TargetResult("docker", "e", Status.SKIPPED, 1, List.of(check("docker.configured", Status.SKIPPED)))));
        assertEquals(Status.WARNING, whole.status());
        assertEquals(1, whole.status().exitCode());
    }

    @Test
    void recordedStatesParseBackOrAreNull() {
        assertEquals(Status.UNKNOWN, Status.parse("UNKNOWN"));
        assertNull(Status.parse("maybe"));
        assertNull(Status.parse(null));
    }

    private static CheckResult check(String id, Status status) {
        return new CheckResult("a", id, id, status, id, Map.of(), null, 0);
    }
}
