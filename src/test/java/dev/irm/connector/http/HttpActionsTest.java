package dev.irm.connector.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.irm.testing.IrmCli;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.irm.testing.ReferenceApp;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The generic actions (get-json, actuator-metric with tags) on the reference app, and what a
 * runbook may not ask of http.post.
 */
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
                  - id: breaker
                    kind: diagnostic
                    title: Payment gateway breaker
                    action: http.get-json
                    with: {path: /actuator/circuitbreakers, pointer: /circuitBreakers/paymentGateway/state}
                    checks:
                      - id: test.breaker
                        title: Gateway breaker state
                        warning: value != 'CLOSED'
                        summary: "paymentGateway ${value}"
                  - id: errors
                    kind: diagnostic
                    title: 5xx on the concert list
                    action: http.actuator-metric
                    with: {name: http.server.requests, tags: ["status:500", "uri:/api/concerts/{id}/seats"], statistic: COUNT}
                    checks:
                      - id: test.server-errors
                        title: 5xx answers
                        warning: value > 10
                        summary: "${fmt:num(value)} answers with 500, slowest ${max} s"
                """);
        ReferenceApp.Stack stack = ReferenceApp.shared();
        ReferenceApp app = stack.app();
        app.reset(stack);
        app.fault("/errors?percent=100");
        for (int i = 0; i < 13; i++) {
            app.get("/api/concerts/" + (i + 20) + "/seats");
        }
        app.fault("/reset");
        IrmCli.Result r = new IrmCli().run("--runbooks", dir.toString(), "diagnose", "http", "-o", "json",
                "--app", app.url(), "--prometheus", stack.prometheus().url());
        assertEquals("", r.err(), r.toString());
        assertEquals("OK", r.check("test.breaker").path("status").asText(), r.out());
        assertEquals("paymentGateway CLOSED", r.check("test.breaker").path("summary").asText());
        HttpDiagnoseTest.assertCheck(r, "test.server-errors", "WARNING", "app-extras");
        JsonNode direct = new ObjectMapper().readTree(app.get("/actuator/metrics/http.server.requests"
                + "?tag=status:500&tag=uri:/api/concerts/%7Bid%7D/seats").body());
        long count = (long) direct.path("measurements").get(0).path("value").asDouble();
        assertTrue(count >= 13, direct.toString());
        assertTrue(r.check("test.server-errors").path("summary").asText().startsWith(count + " answers with 500, slowest "),
                "the count of exactly these tags, as the app's actuator gives it: " + r.check("test.server-errors"));
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
