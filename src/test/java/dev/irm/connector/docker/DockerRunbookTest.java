package dev.irm.connector.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.testing.DockerEngine;
import dev.irm.testing.IrmCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code irm run app-oom} and {@code unknown-outage} against a real engine: dry run, refusal, a confirmed restart, the evidence bundle. */
class DockerRunbookTest {
    static DockerEngine docker;

    @BeforeAll
    static void startEngine() throws Exception {
        docker = DockerEngine.start();
        docker.ensureImage();
        DockerDiagnoseTest.docker = docker;
    }

    @AfterAll
    static void stopEngine() {
        if (docker != null) {
            docker.close();
        }
    }

    @Test
    void dryRunAgainstTheOomKilledContainerWalksTheRunbookAndChangesNothing() throws Exception {
        docker.runContainer("irm-run-oom", List.of("--label", "com.docker.compose.service=runoom", "--memory", "32m", "--memory-swap", "32m"),
                "sh", "-c", DockerDiagnoseTest.OOM_SH);
        assertEquals(137, docker.waitContainer("irm-run-oom", Duration.ofSeconds(30)));
        String before = DockerDiagnoseTest.states();
        IrmCli cli = DockerDiagnoseTest.cli(Map.of());
        IrmCli.Result r = cli.run("run", "app-oom", "--dry-run", "--set", "app_service=runoom", "-o", "json");
        assertEquals(2, r.code(), r.toString());
        assertTrue(DockerDiagnoseTest.findings(r).contains("docker.app-oom-killed=CRITICAL/app-oom"), r.out());
        JsonNode restart = mitigation(r, "docker_restart");
        assertEquals("DRY_RUN", restart.path("decision").asText(), restart.toString());
        assertTrue(restart.path("command").asText().contains("/containers/irm-run-oom/restart"), restart.toString());
        assertTrue(restart.path("blastRadius").asText().contains("OOM-killed"), restart.toString());
        assertEquals(before, DockerDiagnoseTest.states());
        assertEquals(1, cli.records().size());
    }

    @Test
    void refusedRestartChangesNothingAndConfirmedRestartDoesWhatThePreviewSaid() throws Exception {
        docker.runContainer("irm-run-small", List.of("--label", "com.docker.compose.service=smallapp", "--memory", "64m"), "sleep", "600");
        String started = docker.inspect("irm-run-small", "{{.State.StartedAt}}");
        IrmCli cli = DockerDiagnoseTest.cli(Map.of());

        IrmCli.Result refused = cli.run("run", "app-oom", "--set", "app_service=smallapp", "-o", "json");
        assertEquals(4, refused.code(), refused.toString());
        assertEquals("REFUSED", mitigation(refused, "docker_restart").path("decision").asText());
        assertEquals(started, docker.inspect("irm-run-small", "{{.State.StartedAt}}"));

        IrmCli.Result dry = cli.run("run", "app-oom", "--dry-run", "--set", "app_service=smallapp", "-o", "json");
        assertEquals("DRY_RUN", mitigation(dry, "docker_restart").path("decision").asText());
        assertEquals(started, docker.inspect("irm-run-small", "{{.State.StartedAt}}"));

        IrmCli.Result done = cli.run("run", "app-oom", "--yes", "--set", "app_service=smallapp", "-o", "json");
        JsonNode restart = mitigation(done, "docker_restart");
        assertEquals("EXECUTED", restart.path("decision").asText(), restart.toString());
        assertEquals(1, restart.path("affected").asInt());
        assertTrue(restart.path("blastRadius").asText().contains("irm-run-small (running, up"), restart.toString());
        assertEquals("running", restart.path("result").path("state").asText());
        assertEquals(true, restart.path("result").path("restarted").asBoolean());
        assertNotEquals(started, docker.inspect("irm-run-small", "{{.State.StartedAt}}"));
        assertEquals("running", docker.inspect("irm-run-small", "{{.State.Status}}"));
        JsonNode verify = step(done, "docker_verify");
        assertEquals("OK", verify.path("status").asText(), verify.toString());
    }

    @Test
    void unknownOutageCollectsAnEvidenceBundle() throws Exception {
        docker.runContainer("irm-ev-redis", List.of("--label", "com.docker.compose.service=redis", "--label", "com.docker.compose.project=shop"),
                "sh", "-c", "echo 'Ready to accept connections'; sleep 600");
        DockerDiagnoseTest.awaitLog("irm-ev-redis", "Ready");
        Path dir = Files.createTempDirectory("irm-evidence");
        String before = DockerDiagnoseTest.states();
        IrmCli cli = DockerDiagnoseTest.cli(Map.of());
        IrmCli.Result r = cli.run("run", "unknown-outage", "--set", "evidence_dir=" + dir, "-o", "json");
        assertEquals(0, r.code(), r.toString());
        JsonNode evidence = step(r, "docker_evidence").path("metrics");
        Path bundle = Path.of(evidence.path("dir").asText());
        assertTrue(bundle.startsWith(dir), evidence.toString());
        assertTrue(Files.readString(bundle.resolve("logs/irm-ev-redis.log")).contains("Ready to accept connections"));
        assertTrue(Files.readString(bundle.resolve("containers.json")).contains("irm-ev-redis"));
        assertTrue(Files.exists(bundle.resolve("stats.json")));
        assertTrue(evidence.path("missing_services").asText().contains("mysql"), evidence.toString());
        assertEquals("OK", step(r, "docker_states").path("checks").get(0).path("status").asText(), r.out());
        assertTrue(Files.readString(cli.records().get(0)).contains(bundle.toString()), "the record names the bundle");
        assertEquals(before, DockerDiagnoseTest.states());
    }

    static JsonNode mitigation(IrmCli.Result r, String step) {
        for (JsonNode m : r.json().path("mitigations")) {
            if (step.equals(m.path("step").asText())) {
                return m;
            }
        }
        throw new AssertionError("no mitigation " + step + " in " + r.out());
    }

    static JsonNode step(IrmCli.Result r, String id) {
        for (JsonNode s : r.json().path("steps")) {
            if (id.equals(s.path("id").asText())) {
                return s;
            }
        }
        throw new AssertionError("no step " + id + " in " + r.out());
    }
}
