package dev.irm.connector.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.testing.DockerEngine;
import dev.irm.testing.FreePorts;
import dev.irm.testing.IrmCli;
import dev.irm.testing.RecordingSocketProxy;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code irm diagnose docker} against a real Docker engine with the manuals' app faults injected. */
class DockerDiagnoseTest {
    /** Liveness guard only (no hang); speed is measured, not asserted. */
    private static final Duration NO_HANG = Duration.ofSeconds(20);
    static final String OOM_SH = "echo starting; x=$(head -c 200000000 /dev/zero | tr \"\\0\" x)";

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

    /** An irm whose context points at the test engine and sets runbook variables (diagnose reads them from there). */
    static IrmCli cli(DockerEngine docker, Map<String, String> variables) throws Exception {
        // no kubeconfig: a developer's real cluster must never be part of these tests
        IrmCli cli = new IrmCli();
        cli.env("KUBECONFIG", cli.home().resolve("no-kubeconfig").toString());
        StringBuilder vars = new StringBuilder();
        variables.forEach((k, v) -> vars.append(vars.length() == 0 ? "" : ", ").append(k).append(": \"").append(v).append('"'));
        Files.writeString(cli.home().resolve("config.yaml"), "currentContext: test\ncontexts:\n  test:\n    docker: {host: \""
                + docker.dockerHost() + "\"}\n    variables: {" + vars + "}\n");
        return cli;
    }

    static List<String> service(String service) {
        return List.of("--label", "com.docker.compose.service=" + service);
    }

    /**
     * A dozen steps judge the app container; the container list, its inspect and its log are read once per command
     * (the log at most twice: 30m/5,000, then the wider 49h/20,000; narrower windows are cut from it), and diagnose
     * sends nothing but GETs. A real engine behind a proxy that records irm's requests.
     */
    @Test
    void aDozenStepsOverOneContainerReadItsListInspectAndLogOnce() throws Exception {
        String name = "ledger-worker-" + ProcessHandle.current().pid();
        docker.runContainer(name, service("ledger"), "sh", "-c", "for i in 1 2 3; do echo ledger line $i; done; sleep 600");
        Path dir = Files.createTempDirectory("irm-docker-proxy");
        try (RecordingSocketProxy proxy = new RecordingSocketProxy(dir.resolve("docker.sock"),
                Path.of(docker.dockerHost().substring("unix://".length())))) {
            IrmCli cli = cli(docker, Map.of("app_service", "ledger"));
            Path config = cli.home().resolve("config.yaml");
            Files.writeString(config, Files.readString(config).replace(docker.dockerHost(), proxy.url()));
            IrmCli.Result r = cli.run("diagnose", "docker", "-o", "json");
            assertTrue(r.code() <= 2, r.toString());
            assertEquals("OK", r.check("docker.reachable").path("status").asText(), r.out());
            assertEquals(3, r.check("docker.app-error-log").path("metrics").path("lines").asInt(), r.out());

            List<String> sent = proxy.requests();
            String id = docker.inspect(name, "{{.Id}}").trim();
            assertEquals(1, sent.stream().filter("GET /containers/json?all=1"::equals).count(), sent.toString());
            assertEquals(1, sent.stream().filter(("GET /containers/" + id + "/json")::equals).count(), sent.toString());
            long logReads = sent.stream().filter(p -> p.startsWith("GET /containers/" + id + "/logs")).count();
            assertTrue(logReads >= 1 && logReads <= 2, sent.toString());
            assertTrue(sent.stream().allMatch(p -> p.startsWith("GET ")), sent.toString());
        } finally {
            docker.dockerResult("rm", "-f", name);
        }
    }

    @Test
    void oomKilledContainerIsCriticalAndNamesAppOom() throws Exception {
        docker.runContainer("irm-oom-1", List.of("--label", "com.docker.compose.service=oomapp", "--memory", "32m", "--memory-swap", "32m"),
                "sh", "-c", OOM_SH);
        assertEquals(137, docker.waitContainer("irm-oom-1", Duration.ofSeconds(30)));
        assertEquals("true", docker.inspect("irm-oom-1", "{{.State.OOMKilled}}"));
        String before = states(docker);
        IrmCli.Result r = cli(docker, Map.of("app_service", "oomapp")).run("diagnose", "docker", "-o", "json");
        assertEquals(2, r.code(), r.toString());
        JsonNode oom = r.check("docker.app-oom-killed");
        assertEquals("CRITICAL", oom.path("status").asText());
        assertEquals("app-oom", oom.path("runbook").asText());
        assertTrue(oom.path("summary").asText().contains("irm-oom-1 OOM-killed"), oom.toString());
        assertEquals(1, oom.path("metrics").path("exit_137").asInt());
        JsonNode limit = r.check("docker.app-memory-limit");
        assertEquals("WARNING", limit.path("status").asText(), limit.toString());
        assertEquals(32L * 1024 * 1024, limit.path("metrics").path("min_memory_limit").asLong());
        assertEquals("OK", r.check("docker.reachable").path("status").asText());
        assertTrue(findings(r).contains("docker.app-oom-killed=CRITICAL/app-oom"), r.out());
        assertEquals(before, states(docker), "diagnose must not change any container");
    }

    @Test
    void crashLoopingContainerIsAWarning() throws Exception {
        docker.runContainer("irm-crash-1", List.of("--label", "com.docker.compose.service=crashapp", "--restart", "on-failure"),
                "sh", "-c", "echo boom; exit 3");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (Integer.parseInt(docker.inspect("irm-crash-1", "{{.RestartCount}}")) < 3 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        IrmCli.Result r = cli(docker, Map.of("app_service", "crashapp")).run("diagnose", "docker", "-o", "json");
        JsonNode restarts = r.check("docker.app-restarts");
        assertEquals("WARNING", restarts.path("status").asText(), restarts.toString());
        assertTrue(restarts.path("metrics").path("max_restarts").asInt() >= 3, restarts.toString());
        assertEquals("app-oom", restarts.path("runbook").asText());
        assertEquals("OK", r.check("docker.app-oom-killed").path("status").asText());
        docker.removeContainer("irm-crash-1");
    }

    @Test
    void outOfMemoryErrorInLogsAndMemoryNearTheLimit() throws Exception {
        // 56 MB in a tmpfs is charged to the container's memory cgroup: ~85-90 % of a 64 MiB limit
        docker.runContainer("irm-heap-1", List.of("--label", "com.docker.compose.service=heapapp", "--memory", "64m", "--memory-swap", "64m",
                "--tmpfs", "/tmp:size=100m"), "sh", "-c",
                "echo 'java.lang.OutOfMemoryError: Java heap space'; head -c 56000000 /dev/zero > /tmp/f; echo filled; sleep 600");
        awaitLog(docker, "irm-heap-1", "filled");
        IrmCli.Result r = cli(docker, Map.of("app_service", "heapapp")).run("diagnose", "docker", "-o", "json");
        assertEquals(2, r.code(), r.toString());
        JsonNode log = r.check("docker.app-oom-log");
        assertEquals("CRITICAL", log.path("status").asText(), log.toString());
        assertEquals(1, log.path("metrics").path("matches").asInt());
        JsonNode memory = r.check("docker.app-memory");
        assertTrue(memory.path("metrics").path("max_mem_pct").asDouble() >= 80, memory.toString());
        assertTrue(List.of("WARNING", "CRITICAL").contains(memory.path("status").asText()), memory.toString());
        assertEquals("irm-heap-1", memory.path("metrics").path("max_mem_container").asText());
    }

    @Test
    void aSchedulerKeywordThatStoppedIsAFinding() throws Exception {
        docker.runContainer("irm-sched-1", service("schedapp"), "sh", "-c",
                "echo '[좌석점유정리] released 0 seats'; while true; do echo '[큐토큰정리] removed 0 tokens'; sleep 1; done");
        awaitLog(docker, "irm-sched-1", "큐토큰정리");
        Thread.sleep(2500);
        // factor 0.1: seat hold (10 s period) is missing after 1 s, queue tokens (30 s) after 3 s
        IrmCli.Result r = cli(docker, Map.of("app_service", "schedapp", "heartbeat_factor", "0.1")).run("diagnose", "docker", "-o", "json");
        JsonNode seat = r.check("docker.scheduler-seat-hold");
        assertEquals("CRITICAL", seat.path("status").asText(), seat.toString());
        assertEquals("unknown-outage", seat.path("runbook").asText());
        assertTrue(seat.path("metrics").path("last_match_age_s").asLong() >= 2, seat.toString());
        assertEquals("OK", r.check("docker.scheduler-queue-token").path("status").asText(), r.check("docker.scheduler-queue-token").toString());
        JsonNode reservation = r.check("docker.scheduler-reservation");
        assertEquals("OK", reservation.path("status").asText(), "a 60 s × 0.1 keyword missing since the container started (< 6 s) is not yet late: "
                + reservation);
        assertEquals(2, r.code(), r.toString());
    }

    @Test
    void errorLinesThatStoppedAreAPastSurgeNotAFinding() throws Exception {
        docker.runContainer("irm-err-1", service("errapp"), "sh", "-c",
                "i=0; while [ ! -f /tmp/stop ]; do i=$((i+1)); echo \"ERROR order $i failed\"; sleep 0.2; done; echo quiet now; sleep 600");
        awaitLog(docker, "irm-err-1", "ERROR order 12 ");
        Map<String, String> variables = Map.of("app_service", "errapp", "error_log_quiet_s", "3");
        JsonNode flowing = cli(docker, variables).run("diagnose", "docker", "-o", "json").check("docker.app-error-log");
        assertEquals("WARNING", flowing.path("status").asText(), "errors still arriving: " + flowing);
        assertEquals("error-surge", flowing.path("runbook").asText());

        docker.docker("exec", "irm-err-1", "touch", "/tmp/stop");
        awaitLog(docker, "irm-err-1", "quiet now");
        Thread.sleep(3_500);
        JsonNode stopped = cli(docker, variables).run("diagnose", "docker", "-o", "json").check("docker.app-error-log");
        assertEquals("OK", stopped.path("status").asText(), "the same lines, none for 3 s: " + stopped);
        assertTrue(stopped.path("metrics").path("matches").asLong() >= 12, stopped.toString());
        assertTrue(stopped.path("summary").asText().endsWith("(stopped: a past surge)"), stopped.toString());
        docker.removeContainer("irm-err-1");
    }

    @Test
    void deadEnginesAreCriticalQuickly() throws Exception {
        Path dir = Files.createTempDirectory("irm-dead-docker");
        IrmCli.Result missing = assertTimeoutPreemptively(NO_HANG, () -> new IrmCli().run("diagnose", "docker", "-o", "json",
                "--docker-host", "unix://" + dir.resolve("nobody.sock")));
        assertEquals(2, missing.code(), missing.toString());
        JsonNode reachable = missing.check("docker.reachable");
        assertEquals("CRITICAL", reachable.path("status").asText());
        assertTrue(reachable.path("summary").asText().contains("no socket at"), reachable.toString());
        assertEquals("unknown-outage", reachable.path("runbook").asText());
        assertEquals("", missing.err());

        Path silent = dir.resolve("silent.sock");
        try (ServerSocketChannel hole = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            hole.bind(UnixDomainSocketAddress.of(silent), 16);
            IrmCli.Result r = assertTimeoutPreemptively(NO_HANG, () -> new IrmCli().run("diagnose", "docker", "-o", "json",
                    "--docker-host", "unix://" + silent));
            assertEquals(2, r.code(), r.toString());
            assertTrue(r.check("docker.reachable").path("summary").asText().contains("timeout"), r.out());
        }
        try (FreePorts.BlackHole hole = FreePorts.blackHolePort()) {
            IrmCli.Result r = assertTimeoutPreemptively(NO_HANG, () -> new IrmCli().run("diagnose", "docker", "-o", "json",
                    "--docker-host", "tcp://" + hole.address()));
            assertEquals(2, r.code(), r.toString());
            assertTrue(r.check("docker.reachable").path("summary").asText().contains("timeout"), r.out());
        }
    }

    /** Waits until a container has logged {@code text}. */
    static void awaitLog(DockerEngine docker, String container, String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!docker.docker("logs", container).contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(container + " never logged " + text);
            }
            Thread.sleep(100);
        }
    }

    /** State, restart count and start time of every test container that is not crash-looping. */
    static String states(DockerEngine docker) {
        Map<String, String> out = new TreeMap<>();
        for (String name : docker.docker("ps", "-a", "--filter", "label=" + DockerEngine.LABEL, "--format", "{{.Names}}").split("\n")) {
            if (!name.isBlank() && !name.startsWith("irm-crash")) {
                out.put(name, docker.inspect(name, "{{.State.Status}} {{.RestartCount}} {{.State.StartedAt}} {{.State.FinishedAt}}"));
            }
        }
        return out.toString();
    }

    static List<String> findings(IrmCli.Result r) {
        List<String> out = new java.util.ArrayList<>();
        r.json().path("findings").forEach(f -> out.add(f.path("check").asText() + "=" + f.path("severity").asText() + "/" + f.path("runbook").asText()));
        return out;
    }

    @Test
    void aContextOnKubernetesLeavesTheDockerAppChecksOut() throws Exception {
        IrmCli.Result r = cli(docker, Map.of("platform", "k8s")).run("diagnose", "docker", "-o", "json");
        String ids = r.json().path("targets").get(0).path("checks").findValuesAsText("id").toString();
        assertFalse(ids.contains("docker.app-oom-killed") || ids.contains("docker.scheduler-seat-hold"), ids);
        assertTrue(ids.contains("docker.disk-space"), "disk-full is Docker-only and stays: " + ids);
    }

    @Test
    void passwordlessHostIsShownAsIs() throws Exception {
        IrmCli.Result r = cli(docker, Map.of()).run("diagnose", "docker", "-o", "json");
        assertEquals(docker.dockerHost(), r.json().path("targets").get(0).path("endpoint").asText());
        assertFalse(r.out().contains("Exception"), r.out());
    }

    /** Memory from one one-shot sample; CPU from the engine's two samples (a busy loop shows as CPU). */
    @Test
    void statsReadCpuOnlyWhenAsked() throws Exception {
        docker.runContainer("irm-stats-busy", List.of("--label", "com.docker.compose.service=busy"), "sh", "-c", "while :; do :; done");
        try (dev.irm.connector.Connector c = new DockerConnectorFactory().open(new dev.irm.connector.TargetSettings("docker",
                Map.of("host", docker.dockerHost()), Duration.ofSeconds(1)))) {
            Map<String, Object> memory = assertTimeoutPreemptively(NO_HANG,
                    () -> c.read("stats", dev.irm.connector.Args.of("service", "busy", "cpu", false)).metrics());
            assertEquals(1L, memory.get("count"), memory.toString());
            assertFalse(memory.containsKey("max_cpu_pct"), "no CPU without its second sample: " + memory);
            Map<String, Object> cpu = assertTimeoutPreemptively(NO_HANG,
                    () -> c.read("stats", dev.irm.connector.Args.of("service", "busy")).metrics());
            assertTrue((Double) cpu.get("max_cpu_pct") > 5, "a busy loop uses a core: " + cpu);
        } finally {
            docker.removeContainer("irm-stats-busy");
        }
    }
}
