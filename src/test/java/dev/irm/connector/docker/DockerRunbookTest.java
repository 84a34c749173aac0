package dev.irm.connector.docker;

import static dev.irm.testing.RunJson.mitigation;
import static dev.irm.testing.RunJson.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.connector.ConnectorRegistry;
import dev.irm.connector.Preview;
import dev.irm.connector.TargetSettings;
import dev.irm.engine.ConnectorPool;
import dev.irm.engine.Interaction;
import dev.irm.engine.MitigationOutcome;
import dev.irm.engine.RunOptions;
import dev.irm.engine.RunResult;
import dev.irm.engine.RunVariables;
import dev.irm.engine.RunbookRunner;
import dev.irm.runbook.LoadedRunbook;
import dev.irm.runbook.RunbookCatalog;
import dev.irm.runbook.Step;
import dev.irm.testing.DockerEngine;
import dev.irm.testing.IrmCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code irm run app-oom} and {@code unknown-outage} against a real engine: dry run, refusal, a confirmed restart, the evidence bundle. */
class DockerRunbookTest {
    private static DockerEngine docker;

    @BeforeAll
    static void startEngine() throws Exception {
        docker = DockerEngine.start();
        docker.ensureImage();
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
        String before = DockerDiagnoseTest.states(docker);
        IrmCli cli = DockerDiagnoseTest.cli(docker, Map.of());
        IrmCli.Result r = cli.run("run", "app-oom", "--dry-run", "--set", "app_service=runoom", "-o", "json");
        assertEquals(2, r.code(), r.toString());
        assertTrue(DockerDiagnoseTest.findings(r).contains("docker.app-oom-killed=CRITICAL/app-oom"), r.out());
        JsonNode restart = mitigation(r, "docker_restart");
        assertEquals("DRY_RUN", restart.path("decision").asText(), restart.toString());
        assertTrue(restart.path("command").asText().contains("/containers/irm-run-oom/restart"), restart.toString());
        assertTrue(restart.path("blastRadius").asText().contains("OOM-killed"), restart.toString());
        assertEquals(before, DockerDiagnoseTest.states(docker));
        assertEquals(1, cli.records().size());
    }

    @Test
    void refusedRestartChangesNothingAndConfirmedRestartDoesWhatThePreviewSaid() throws Exception {
        docker.runContainer("irm-run-small", List.of("--label", "com.docker.compose.service=smallapp", "--memory", "64m"),
                "sh", "-c", "echo 'java.lang.OutOfMemoryError: Java heap space'; trap 'exit 0' TERM; while true; do sleep 1; done");
        String started = docker.inspect("irm-run-small", "{{.State.StartedAt}}");
        IrmCli cli = DockerDiagnoseTest.cli(docker, Map.of("platform", "docker"));

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
        DockerDiagnoseTest.awaitLog(docker, "irm-ev-redis", "Ready");
        Path dir = Files.createTempDirectory("irm-evidence");
        String before = DockerDiagnoseTest.states(docker);
        IrmCli cli = DockerDiagnoseTest.cli(docker, Map.of());
        IrmCli.Result r = cli.run("run", "unknown-outage", "--set", "evidence_dir=" + dir, "--set", "platform=docker", "-o", "json");
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
        assertEquals(before, DockerDiagnoseTest.states(docker));
    }

    @Test
    void anOperatorWhoSaysNoChangesNothing() throws Exception {
        docker.runContainer("irm-run-declined", List.of("--label", "com.docker.compose.service=declinedapp", "--memory", "64m"),
                "sh", "-c", "echo 'java.lang.OutOfMemoryError: Java heap space'; trap 'exit 0' TERM; while true; do sleep 1; done");
        String started = docker.inspect("irm-run-declined", "{{.State.StartedAt}}");
        ConnectorRegistry registry = ConnectorRegistry.discover();
        LoadedRunbook appOom = RunbookCatalog.load(List.of(), registry).require("app-oom");
        Map<String, Object> variables = RunVariables.resolve(appOom, Map.of(), Map.of("app_service", "declinedapp", "platform", "docker"));
        List<String> asked = new ArrayList<>();
        Interaction saysNo = new Interaction() {
            public boolean canAsk() {
                return true;
            }

            public boolean confirm(Step step, Preview preview, String typedWord) {
                asked.add(step.id() + ": " + preview.blastRadius());
                return false;
            }

            public boolean acknowledge(Step step, String text) {
                return true;
            }

            public Boolean ask(Step step, String question) {
                return false;
            }

            public String who() {
                return "operator@test";
            }
        };
        Map<String, TargetSettings> settings = Map.of("docker",
                new TargetSettings("docker", Map.of("host", docker.dockerHost()), Duration.ofSeconds(1)));
        RunResult result;
        try (ConnectorPool pool = new ConnectorPool(registry, settings)) {
            result = new RunbookRunner(registry, pool, saysNo, event -> { }).run(appOom,
                    new RunOptions(variables, false, false, Set.of(), Set.of(), Duration.ofSeconds(5), "test"), null);
        }
        MitigationOutcome restart = result.mitigations().stream().filter(m -> m.step().equals("docker_restart")).findFirst().orElseThrow();
        assertEquals(MitigationOutcome.Decision.DECLINED, restart.decision());
        assertEquals(1, asked.size(), asked.toString());
        assertTrue(asked.get(0).contains("irm-run-declined (running, up"), asked.toString());
        assertEquals(4, result.exitCode());
        assertEquals(started, docker.inspect("irm-run-declined", "{{.State.StartedAt}}"));
    }

    @Test
    void startPreviewsAndStartsOnlyAStoppedContainer() throws Exception {
        Path dir = Files.createTempDirectory("irm-start-runbook");
        Files.writeString(dir.resolve("start.yaml"), """
                id: start-app
                title: Start the app container
                severity: P3
                variables:
                  name: {default: irm-start-1}
                steps:
                  - id: start
                    kind: mitigation
                    title: Start it
                    action: docker.start
                    with: {container: "${name}"}
                """);
        docker.runContainer("irm-start-1", List.of(), "sh", "-c", "exit 0");
        docker.waitContainer("irm-start-1", Duration.ofSeconds(20));
        docker.runContainer("irm-start-2", List.of(), "sleep", "600");
        IrmCli cli = DockerDiagnoseTest.cli(docker, Map.of());
        IrmCli.Result dry = cli.run("--runbooks", dir.toString(), "run", "start-app", "--dry-run", "-o", "json");
        assertTrue(mitigation(dry, "start").path("blastRadius").asText().contains("irm-start-1 (exited, exit code 0"), dry.out());
        assertEquals("exited", docker.inspect("irm-start-1", "{{.State.Status}}"));
        IrmCli.Result done = cli.run("--runbooks", dir.toString(), "run", "start-app", "--yes", "-o", "json");
        assertEquals("EXECUTED", mitigation(done, "start").path("decision").asText(), done.out());
        String running = docker.inspect("irm-start-2", "{{.State.StartedAt}}");
        IrmCli.Result already = cli.run("--runbooks", dir.toString(), "run", "start-app", "--yes", "--set", "name=irm-start-2", "-o", "json");
        assertEquals(0, mitigation(already, "start").path("affected").asInt(), already.out());
        assertTrue(mitigation(already, "start").path("blastRadius").asText().contains("already running"), already.out());
        assertEquals(running, docker.inspect("irm-start-2", "{{.State.StartedAt}}"));
    }
}
