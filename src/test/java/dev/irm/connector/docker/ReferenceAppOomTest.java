package dev.irm.connector.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.testing.DockerEngine;
import dev.irm.testing.IrmCli;
import dev.irm.testing.MariaDbServer;
import dev.irm.testing.RedisServer;
import dev.irm.testing.ReferenceApp;
import dev.irm.testing.RunJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * app-oom on the real reference app: lab/hhplus-app as a compose-labelled container of the test's Docker
 * engine (its own MariaDB and Redis on loopback, {@code --network host}), healthy first, then its
 * "leak memory" fault switch until the kernel OOM-kills it. The JVM may grow to 1 GiB (-Xmx) but the
 * container has 320 MiB, so the memory cgroup, not the JVM, ends it: {@code State.OOMKilled}, exit 137.
 * Then the runbook's restart, dry and confirmed, on that container.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReferenceAppOomTest {
    private static final String SERVICE = "concert-api";
    private static final String CONTAINER = "ticketing-concert-api-1";
    private static final String MEMORY = "320m";
    /** The test's floor for docker.app-memory-limit, below its 320 MiB (the runbook's default is 512). */
    private static final Map<String, String> VARIABLES = Map.of("app_service", SERVICE, "min_limit_mib", "256");

    private static DockerEngine docker;
    private static MariaDbServer db;
    private static RedisServer redis;
    private static ReferenceApp app;

    @BeforeAll
    static void startAppContainer() throws Exception {
        docker = DockerEngine.start();
        db = MariaDbServer.start();
        redis = RedisServer.start();
        app = ReferenceApp.inContainer(docker, CONTAINER, db, redis,
                List.of("--memory", MEMORY, "--memory-swap", MEMORY,
                        "--label", "com.docker.compose.project=ticketing", "--label", "com.docker.compose.service=" + SERVICE,
                        "--label", "com.docker.compose.container-number=1", "--label", "com.docker.compose.oneoff=False"),
                "-Xms32m -Xmx1g -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dspring.jmx.enabled=false");
    }

    @AfterAll
    static void stopAll() {
        for (AutoCloseable c : new AutoCloseable[] {app, docker, redis, db}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // the others are still stopped
            }
        }
    }

    @Test
    @Order(1)
    void theHealthyAppContainerYieldsNothingAtWarningOrAbove() throws Exception {
        awaitFirstSeatHoldRun();
        IrmCli.Result r = DockerDiagnoseTest.cli(docker, VARIABLES).run("diagnose", "docker", "-o", "json");
        assertEquals(List.of(), warningsOrWorse(r), r.out());
        assertEquals(0, r.code(), r.toString());
        JsonNode oom = r.check("docker.app-oom-killed");
        assertEquals("OK", oom.path("status").asText(), oom.toString());
        assertEquals(1, oom.path("metrics").path("count").asInt(), "the app container is the one selected: " + oom);
        JsonNode seat = r.check("docker.scheduler-seat-hold");
        assertEquals("OK", seat.path("status").asText(), seat.toString());
        assertTrue(seat.path("metrics").path("matches").asInt() >= 1, "the container logs its Korean keywords in UTF-8: " + seat);
    }

    @Test
    @Order(2)
    void leakingUntilTheKernelKillsItIsCriticalAndTheDryRunPreviewsTheRestart() throws Exception {
        oomKill();
        IrmCli cli = DockerDiagnoseTest.cli(docker, VARIABLES);
        IrmCli.Result r = cli.run("diagnose", "docker", "-o", "json");
        assertEquals(2, r.code(), r.toString());
        JsonNode oom = r.check("docker.app-oom-killed");
        assertEquals("CRITICAL", oom.path("status").asText(), oom.toString());
        assertEquals("app-oom", oom.path("runbook").asText());
        assertTrue(oom.path("summary").asText().contains(CONTAINER + " OOM-killed"), oom.toString());
        assertEquals(1, oom.path("metrics").path("exit_137").asInt(), oom.toString());
        assertTrue(DockerDiagnoseTest.findings(r).contains("docker.app-oom-killed=CRITICAL/app-oom"), r.out());

        String before = DockerDiagnoseTest.states(docker);
        IrmCli.Result dry = cli.run("run", "app-oom", "--dry-run", "--set", "platform=docker", "-o", "json");
        assertEquals(2, dry.code(), dry.toString());
        JsonNode restart = RunJson.mitigation(dry, "docker_restart");
        assertEquals("DRY_RUN", restart.path("decision").asText(), restart.toString());
        assertTrue(restart.path("command").asText().contains("/containers/" + CONTAINER + "/restart"), restart.toString());
        assertTrue(restart.path("blastRadius").asText().contains("OOM-killed"), restart.toString());
        assertEquals(before, DockerDiagnoseTest.states(docker), "a dry run changes no container");
        assertEquals("exited", docker.inspect(CONTAINER, "{{.State.Status}}"));
    }

    @Test
    @Order(3)
    void theConfirmedRestartBringsTheRealAppBack() throws Exception {
        oomKill();
        IrmCli.Result done = DockerDiagnoseTest.cli(docker, VARIABLES).run("run", "app-oom", "--yes", "--set", "platform=docker", "-o", "json");
        JsonNode restart = RunJson.mitigation(done, "docker_restart");
        assertEquals("EXECUTED", restart.path("decision").asText(), restart.toString());
        assertEquals(1, restart.path("affected").asInt(), restart.toString());
        assertEquals("running", docker.inspect(CONTAINER, "{{.State.Status}}"));
        assertEquals("OK", RunJson.step(done, "docker_verify").path("status").asText(), done.out());
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!healthy()) {
            assertTrue(System.nanoTime() < deadline, "the restarted app never became healthy\n" + app.logTail());
            Thread.sleep(250);
        }
    }

    /** Leaks 64 MiB/s until the kernel kills the container (unless an earlier test did): exit 137, State.OOMKilled. */
    private static void oomKill() {
        if ("running".equals(docker.inspect(CONTAINER, "{{.State.Status}}"))) {
            app.fault("/memory/leak?mbPerSecond=64");
        }
        assertEquals(137, docker.waitContainer(CONTAINER, Duration.ofSeconds(90)), app.logTail());
        assertEquals("true", docker.inspect(CONTAINER, "{{.State.OOMKilled}}"));
    }

    private static boolean healthy() {
        try {
            return app.get("/actuator/health").statusCode() == 200;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static List<String> warningsOrWorse(IrmCli.Result r) {
        List<String> out = new ArrayList<>();
        for (String f : DockerDiagnoseTest.findings(r)) {
            if (f.contains("=WARNING/") || f.contains("=CRITICAL/")) {
                out.add(f);
            }
        }
        return out;
    }

    /** The seat-hold scheduler runs every 10 s: wait (bounded) for its first run, so a just-started container is not read too early. */
    private static void awaitFirstSeatHoldRun() throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline && !docker.dockerResult("logs", CONTAINER).output().contains("[좌석점유정리]")) {
            Thread.sleep(500);
        }
    }
}
