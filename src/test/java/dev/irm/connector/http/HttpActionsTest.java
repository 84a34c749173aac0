package dev.irm.connector.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.irm.testing.IrmCli;
import dev.irm.testing.SpringAppServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The generic actions (get-json, actuator-metric with tags) and what a runbook may not ask of http.post. */
class HttpActionsTest {

    private static Path runbook(String yaml) throws Exception {
        Path dir = Files.createTempDirectory("irm-http-runbooks");
        Files.writeString(dir.resolve("app-extras.yaml"), yaml);
        return dir;
    }

    @Test
    void getJsonAndActuatorMetricReadWhatTheRunbookAsks() throws Exception {
        Path dir = runbook("""
                id: app-extras
                title: Extra app reads
                severity: P3
                targets: [http]
                steps:
                  - id: version
                    kind: diagnostic
                    title: Build version
                    action: http.get-json
                    with: {path: /actuator/info, pointer: /build/version}
                    checks:
                      - id: test.version
                        title: Deployed version
                        warning: value != '1.4.2'
                        summary: "version ${value}"
                  - id: errors
                    kind: diagnostic
                    title: 5xx on the concert list
                    action: http.actuator-metric
                    with: {name: http.server.requests, tags: ["status:500", "uri:/api/concerts"], statistic: COUNT}
                    checks:
                      - id: test.server-errors
                        title: 5xx answers
                        warning: value > 10
                        summary: "${fmt:num(value)} answers with 500, slowest ${max} s"
                """);
        try (SpringAppServer app = SpringAppServer.start()) {
            IrmCli.Result r = new IrmCli().run("--runbooks", dir.toString(), "diagnose", "http", "-o", "json",
                    "--app", app.url(), "--prometheus", app.url());
            assertEquals("OK", r.check("test.version").path("status").asText(), r.out());
            assertEquals("version 1.4.2", r.check("test.version").path("summary").asText());
            HttpDiagnoseTest.assertCheck(r, "test.server-errors", "WARNING", "app-extras");
            assertEquals("42 answers with 500, slowest 0.9 s", r.check("test.server-errors").path("summary").asText());
            assertEquals("tag=status%3A500&tag=uri%3A%2Fapi%2Fconcerts", app.lastMetricQuery());
        }
    }

    @Test
    void postOnlyTakesAppPathsAndOnlyInMitigations() throws Exception {
        for (String path : new String[] {"http://evil.example/admin", "/admin/../shutdown", "/admin?x=1", "//evil.example/x"}) {
            Path dir = runbook("""
                    id: app-extras
                    title: Bad post
                    severity: P3
                    steps:
                      - id: poke
                        kind: mitigation
                        title: Poke
                        action: http.post
                        with: {path: "%s"}
                    """.formatted(path));
            IrmCli.Result r = new IrmCli().run("validate", dir.toString());
            assertEquals(65, r.code(), path + ": " + r);
            assertTrue(r.err().matches("(?s).*app-extras\\.yaml:\\d+:\\d+: step poke: path: path '.*' must be an app path.*"), r.err());
        }
        Path diagnostic = runbook("""
                id: app-extras
                title: Post as a diagnostic
                severity: P3
                steps:
                  - id: poke
                    kind: diagnostic
                    title: Poke
                    action: http.post
                    with: {path: /admin/queue/activate}
                """);
        IrmCli.Result r = new IrmCli().run("validate", diagnostic.toString());
        assertEquals(65, r.code(), r.toString());
        assertTrue(r.err().contains("'http.post' changes the system"), r.err());
    }
}
