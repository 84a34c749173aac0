package dev.irm.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.irm.connector.Observation;
import dev.irm.connector.Param;
import dev.irm.runbook.RunbookCatalog;
import dev.irm.testing.FakeTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A diagnose tells each connector every read it will make, with the resolved arguments, before the
 * first one runs ({@code Connector.expect}), so a windowed read can start its window at once.
 */
class DiagnoseExpectsReadsTest {
    @TempDir
    Path dir;

    @Test
    void everyPlannedReadIsAnnouncedBeforeTheFirstRuns() throws Exception {
        FakeTarget fake = new FakeTarget("redis")
                .read("load", args -> Observation.of(Map.of("load", 10)))
                .read("hits", args -> Observation.of(Map.of("ratio", 97)), Param.optional("window", "sampling window"));
        Path file = Files.writeString(dir.resolve("fake.yaml"), """
                id: fake
                title: Fake
                severity: P2
                summary: A fake incident.
                targets: [redis]
                variables:
                  sample_window:
                    default: 3s
                steps:
                  - id: load
                    kind: diagnostic
                    title: Load
                    action: redis.load
                    checks:
                      - {id: fake.load, title: Load, critical: load >= 90, summary: "load ${load}"}
                  - id: hits
                    kind: diagnostic
                    title: Hits
                    action: redis.hits
                    with: {window: "${sample_window}"}
                    checks:
                      - {id: fake.hits, title: Hits, warning: ratio < 50, summary: "ratio ${ratio}"}
                """);
        RunbookCatalog catalog = RunbookCatalog.loadFiles(List.of(file), fake.registry(), false);
        DiagnoseResult result;
        try (ConnectorPool pool = new ConnectorPool(fake.registry(), fake.resolved())) {
            result = new Diagnoser(fake.registry(), catalog, Map.of(), Duration.ofSeconds(2)).diagnose(List.of("redis"), pool, Duration.ofSeconds(5));
        }
        assertEquals(List.of("expect load", "expect hits window=3s", "read load", "read hits"), fake.calls());
        assertEquals(Status.OK, result.status(), result.toString());
    }
}
