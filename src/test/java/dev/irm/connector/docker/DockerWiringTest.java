package dev.irm.connector.docker;

import static dev.irm.testing.RunJson.mitigation;
import static dev.irm.testing.RunJson.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.testing.DockerEngine;
import dev.irm.testing.FreePorts;
import dev.irm.testing.IrmCli;
import dev.irm.testing.RedisServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Docker steps wired into queue-stall, redis-down and error-surge, on real containers: a silent
 * queue scheduler is CRITICAL and its restart does what the preview said; a dead Redis's container
 * is restarted; error lines are counted.
 */
class DockerWiringTest {
    private static final String SILENT_SH = "echo 'Started HhplusApplication'; trap 'exit 0' TERM; while true; do sleep 1; done";
    private static DockerEngine docker;
    private static RedisServer redis;

    @BeforeAll
    static void start() throws Exception {
        docker = DockerEngine.start();
        docker.ensureImage();
        redis = RedisServer.start();
    }

    @AfterAll
    static void stop() {
        if (redis != null) {
            redis.close();
        }
        if (docker != null) {
            docker.close();
        }
    }

    /**
     * Factor 0.05 of the 30 s period: a heartbeat missing for more than 1.5 s is CRITICAL (a silent
     * container 3.5 s old is well past it); a scheduler logging every second gets 3 s (factor 0.1).
     */
    private static IrmCli.Result queueStall(String service, String... more) throws Exception {
        String factor = service.equals("qalive") ? "0.1" : "0.05";
        IrmCli cli = DockerDiagnoseTest.cli(docker, Map.of("platform", "docker", "app_service", service, "heartbeat_factor", factor));
        List<String> args = new java.util.ArrayList<>(List.of("run", "queue-stall", "-o", "json", "--redis", redis.url()));
        args.addAll(List.of(more));
        return cli.run(args.toArray(String[]::new));
    }

    @Test
    void aSilentQueueSchedulerIsCriticalAndNamesQueueStall() throws Exception {
        docker.runContainer("irm-wire-silent", DockerDiagnoseTest.service("qsilent"), "sh", "-c", SILENT_SH);
        DockerDiagnoseTest.awaitLog(docker, "irm-wire-silent", "Started");
        Thread.sleep(3500);
        String before = DockerDiagnoseTest.states(docker);
        IrmCli.Result r = queueStall("qsilent", "--dry-run");
        assertEquals(2, r.code(), r.toString());
        JsonNode heartbeat = check(r, "docker_scheduler_heartbeat");
        assertEquals("CRITICAL", heartbeat.path("status").asText(), heartbeat.toString());
        assertEquals("queue-stall", heartbeat.path("runbook").asText());
        assertEquals(0, heartbeat.path("metrics").path("matches").asInt());
        assertTrue(heartbeat.path("summary").asText().contains("not logged for at least"), heartbeat.toString());
        assertEquals("SKIPPED", step(r, "k8s_scheduler_heartbeat").path("status").asText(), "platform=docker leaves Kubernetes out");
        assertFalse(r.out().contains("k8s.reachable"), r.out());
        JsonNode restart = mitigation(r, "docker_restart_app");
        assertEquals("DRY_RUN", restart.path("decision").asText(), restart.toString());
        assertTrue(restart.path("command").asText().contains("/containers/irm-wire-silent/restart"), restart.toString());
        assertEquals(before, DockerDiagnoseTest.states(docker), "a dry run restarts nothing");
    }

    @Test
    void aLoggingQueueSchedulerIsOkAndNothingIsRestarted() throws Exception {
        docker.runContainer("irm-wire-alive", DockerDiagnoseTest.service("qalive"), "sh", "-c",
                "trap 'exit 0' TERM; while true; do echo 'INFO c.h.queue.QueueScheduler : activateWaitingTokens activated=0'; sleep 1; done");
        DockerDiagnoseTest.awaitLog(docker, "irm-wire-alive", "activateWaitingTokens");
        Thread.sleep(3500);
        String started = docker.inspect("irm-wire-alive", "{{.State.StartedAt}}");
        IrmCli.Result r = queueStall("qalive", "--yes");
        assertEquals(0, r.code(), r.toString());
        JsonNode heartbeat = check(r, "docker_scheduler_heartbeat");
        assertEquals("OK", heartbeat.path("status").asText(), heartbeat.toString());
        assertTrue(heartbeat.path("metrics").path("matches").asInt() >= 3, heartbeat.toString());
        assertTrue(heartbeat.path("metrics").path("last_match_age_s").asLong() <= 3, heartbeat.toString());
        assertTrue(step(r, "docker_restart_app").path("message").asText().startsWith("condition not met"), r.out());
        assertEquals(started, docker.inspect("irm-wire-alive", "{{.State.StartedAt}}"));
    }

    @Test
    void theConfirmedRestartDoesWhatItsPreviewSaidAndARefusedOneNothing() throws Exception {
        docker.runContainer("irm-wire-restart", DockerDiagnoseTest.service("qrestart"), "sh", "-c", SILENT_SH);
        DockerDiagnoseTest.awaitLog(docker, "irm-wire-restart", "Started");
        docker.runContainer("irm-wire-bystander", DockerDiagnoseTest.service("qbystander"), "sh", "-c", SILENT_SH);
        Thread.sleep(3500);
        String started = docker.inspect("irm-wire-restart", "{{.State.StartedAt}}");
        String bystander = docker.inspect("irm-wire-bystander", "{{.State.StartedAt}}");

        IrmCli.Result refused = queueStall("qrestart");
        assertEquals(4, refused.code(), "no terminal and no --yes: " + refused);
        assertEquals("REFUSED", mitigation(refused, "docker_restart_app").path("decision").asText(), refused.out());
        assertEquals(started, docker.inspect("irm-wire-restart", "{{.State.StartedAt}}"));

        IrmCli.Result done = queueStall("qrestart", "--yes");
        JsonNode restart = mitigation(done, "docker_restart_app");
        assertEquals("EXECUTED", restart.path("decision").asText(), restart.toString());
        assertEquals(1, restart.path("affected").asInt(), "the preview named one container");
        assertTrue(restart.path("blastRadius").asText().contains("container irm-wire-restart (running, up"), restart.toString());
        assertEquals(true, restart.path("result").path("restarted").asBoolean(), restart.toString());
        assertNotEquals(started, docker.inspect("irm-wire-restart", "{{.State.StartedAt}}"), "stopped and started again");
        assertEquals("running", docker.inspect("irm-wire-restart", "{{.State.Status}}"));
        // RestartCount counts only restarts by the restart policy, not an API restart: StartedAt is the proof
        assertEquals("0", docker.inspect("irm-wire-restart", "{{.RestartCount}}"));
        assertEquals(bystander, docker.inspect("irm-wire-bystander", "{{.State.StartedAt}}"), "only the previewed container");
        assertEquals("open", step(done, "after_restart").path("message").asText(), done.out());
    }

    @Test
    void aDeadRedisGetsItsContainerRestarted() throws Exception {
        docker.runContainer("irm-wire-redis", DockerDiagnoseTest.service("wiredredis"), "sh", "-c", SILENT_SH);
        DockerDiagnoseTest.awaitLog(docker, "irm-wire-redis", "Started");
        String started = docker.inspect("irm-wire-redis", "{{.State.StartedAt}}");
        IrmCli cli = DockerDiagnoseTest.cli(docker, Map.of("platform", "docker", "redis_service", "wiredredis"));
        String deadRedis = "redis://127.0.0.1:" + FreePorts.next();

        IrmCli.Result dry = cli.run("run", "redis-down", "--dry-run", "-o", "json", "--redis", deadRedis);
        assertEquals(2, dry.code(), dry.toString());
        assertTrue(DockerDiagnoseTest.findings(dry).stream().anyMatch(f -> f.startsWith("redis.reachable=CRITICAL")), dry.out());
        assertEquals("DRY_RUN", mitigation(dry, "docker_restart").path("decision").asText(), dry.out());
        assertTrue(step(dry, "restart").path("message").asText().startsWith("condition not met"), "the Kubernetes manual step is left out");
        assertEquals(started, docker.inspect("irm-wire-redis", "{{.State.StartedAt}}"));

        IrmCli.Result done = cli.run("run", "redis-down", "--yes", "-o", "json", "--redis", deadRedis);
        JsonNode restart = mitigation(done, "docker_restart");
        assertEquals("EXECUTED", restart.path("decision").asText(), done.out());
        assertTrue(restart.path("blastRadius").asText().contains("irm-wire-redis"), restart.toString());
        assertNotEquals(started, docker.inspect("irm-wire-redis", "{{.State.StartedAt}}"));
    }

    @Test
    void errorSurgeCountsErrorLinesInTheAppLogs() throws Exception {
        docker.runContainer("irm-wire-errors", DockerDiagnoseTest.service("errapp"), "sh", "-c",
                "for i in 1 2 3 4 5 6 7 8 9 10 11 12; do echo \"ERROR HikariPool-1 - Connection is not available $i\"; done; "
                        + "echo 'INFO fine'; trap 'exit 0' TERM; while true; do sleep 1; done");
        DockerDiagnoseTest.awaitLog(docker, "irm-wire-errors", "INFO fine");
        IrmCli cli = DockerDiagnoseTest.cli(docker, Map.of("platform", "docker", "app_service", "errapp"));
        IrmCli.Result r = cli.run("run", "error-surge", "--dry-run", "-o", "json", "--app", "http://127.0.0.1:1", "--prometheus",
                "http://127.0.0.1:1");
        JsonNode errors = check(r, "docker_errors");
        assertEquals("WARNING", errors.path("status").asText(), errors.toString());
        assertEquals(12, errors.path("metrics").path("matches").asInt(), errors.toString());
        assertEquals("error-surge", errors.path("runbook").asText());
        assertTrue(java.nio.file.Files.readString(cli.records().get(0)).contains("Connection is not available"),
                "the record keeps the sample lines that name the cause");
        assertEquals("SKIPPED", step(r, "k8s_errors").path("status").asText());
    }

    /** The step's only check, as {@code irm run -o json} reports it. */
    private static JsonNode check(IrmCli.Result r, String stepId) {
        JsonNode checks = step(r, stepId).path("checks");
        assertEquals(1, checks.size(), step(r, stepId).toString());
        return checks.get(0);
    }
}
