package dev.irm.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.support.Json;
import dev.irm.testing.FreePorts;
import dev.irm.testing.IrmCli;
import dev.irm.testing.RedisServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * SIGKILL in the middle of a run: a separate irm process (the same classes as the jar) walks a
 * runbook whose third step waits on a port that accepts and never answers. Killed there, its
 * record still parses line by line and holds every event before the kill.
 */
class KillMidRunTest {

    @Test
    void recordSurvivesSigkill() throws Exception {
        Path home = Files.createTempDirectory("irm-kill");
        Path runbooks = Files.createDirectories(home.resolve("runbooks"));
        Files.writeString(runbooks.resolve("slow.yaml"), """
                id: slow-probe
                title: A probe that hangs
                severity: P2
                steps:
                  - {id: first, kind: manual, title: Look at the dashboard, text: open it}
                  - {id: second, kind: manual, title: Declare, text: post it, template: declaration}
                  - {id: hang, kind: diagnostic, title: PING a black hole, action: redis.ping}
                  - {id: after, kind: manual, title: Never reached, text: never}
                """);
        try (FreePorts.BlackHole hole = FreePorts.blackHolePort()) {
            Files.writeString(home.resolve("config.yaml"), """
                    currentContext: hang
                    contexts:
                      hang:
                        redis: {url: "redis://%s", timeout: 30s}
                    """.formatted(hole.address()));
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            ProcessBuilder pb = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"), "dev.irm.Main",
                    "--runbooks", runbooks.toString(), "--timeout", "5m", "run", "slow-probe");
            pb.environment().put("XDG_STATE_HOME", home.resolve("state").toString());
            pb.environment().put("IRM_CONFIG", home.resolve("config.yaml").toString());
            pb.redirectErrorStream(true).redirectOutput(home.resolve("out.txt").toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
            Process irm = pb.start();
            Path dir = home.resolve("state").resolve("irm").resolve("records");
            Path record = waitForEvent(dir, "\"step.started\"", irm);
            Thread.sleep(300);
            assertTrue(irm.isAlive(), "irm must still be waiting on the black hole");
            irm.destroyForcibly();  // SIGKILL on Linux: no shutdown hooks, no finally blocks
            assertTrue(irm.waitFor(10, TimeUnit.SECONDS));
            assertEquals(137, irm.exitValue());

            List<String> events = new ArrayList<>();
            for (String line : Files.readAllLines(record)) {
                JsonNode e = Json.MAPPER.readTree(line);
                events.add(e.path("event").asText() + (e.has("step") ? ":" + e.path("step").asText() : ""));
            }
            assertEquals(List.of("run.started", "manual.shown:first", "manual.acknowledged:first", "manual.shown:second",
                    "manual.acknowledged:second", "step.started:hang"), events);

            IrmCli cli = new IrmCli().env("XDG_STATE_HOME", home.resolve("state").toString());
            IrmCli.Result report = cli.run("report", "-o", "json");
            assertEquals(0, report.code(), report.toString());
            assertTrue(report.json().path("summary").path("outcome").asText().contains("interrupted"), report.out());
            assertTrue(report.json().path("openItems").toString().contains("Step interrupted while running: PING a black hole"), report.out());
        }
    }

    /**
     * Issue 11 item 4: killed while a real pattern delete runs on a real Redis (one key per UNLINK,
     * so it takes a while), the record ends at {@code mitigation.started}, the audit log holds a
     * synced STARTED line, and the report calls the mitigation INTERRUPTED, not PREVIEWED.
     */
    @Test
    void aKillDuringADeleteLeavesAStartedTraceAndTheReportSaysInterrupted() throws Exception {
        Path home = Files.createTempDirectory("irm-kill-delete");
        Path runbooks = Files.createDirectories(home.resolve("runbooks"));
        Files.writeString(runbooks.resolve("purge.yaml"), """
                id: purge-sessions
                title: Purge the stale sessions
                severity: P2
                targets: [redis]
                steps:
                  - id: purge
                    kind: mitigation
                    title: Delete every stale session
                    action: redis.delete-pattern
                    with: {pattern: "stale:*", batch: 1}
                """);
        try (RedisServer redis = RedisServer.start(); Jedis jedis = redis.client()) {
            jedis.sendCommand(() -> "DEBUG".getBytes(StandardCharsets.UTF_8), "POPULATE", "150000", "stale");
            jedis.set("keep:me", "1");
            long before = jedis.dbSize();
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            ProcessBuilder pb = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"), "dev.irm.Main",
                    "--runbooks", runbooks.toString(), "run", "purge-sessions", "--yes", "--redis", redis.url());
            pb.environment().put("XDG_STATE_HOME", home.resolve("state").toString());
            pb.environment().put("IRM_CONFIG", home.resolve("config.yaml").toString());
            pb.redirectErrorStream(true).redirectOutput(home.resolve("out.txt").toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
            Process irm = pb.start();
            Path record = waitForEvent(home.resolve("state").resolve("irm").resolve("records"), "\"mitigation.started\"", irm);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (jedis.dbSize() >= before && irm.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(irm.isAlive(), "irm must still be deleting: " + Files.readString(home.resolve("out.txt")));
            irm.destroyForcibly();  // SIGKILL
            assertTrue(irm.waitFor(10, TimeUnit.SECONDS));
            long left = jedis.dbSize();
            assertTrue(left < before && left > 1, "killed part-way: " + left + " of " + before + " keys left");
            assertEquals("1", jedis.get("keep:me"));

            List<String> events = new ArrayList<>();
            for (String line : Files.readAllLines(record)) {
                JsonNode e = Json.MAPPER.readTree(line);
                events.add(e.path("event").asText() + (e.has("step") ? ":" + e.path("step").asText() : ""));
            }
            assertEquals(List.of("consent.answered:purge", "mitigation.started:purge"), events.subList(events.size() - 2, events.size()), events.toString());

            List<String> audit = Files.readAllLines(home.resolve("state").resolve("irm").resolve("audit.log"));
            assertEquals(1, audit.size(), audit.toString());
            JsonNode started = Json.MAPPER.readTree(audit.get(0));
            assertEquals("STARTED", started.path("outcome").asText(), audit.get(0));
            assertEquals("purge", started.path("step").asText());
            assertTrue(started.path("command").asText().startsWith("SCAN MATCH stale:* COUNT 1000, UNLINK in batches of 1"), audit.get(0));

            IrmCli.Result report = new IrmCli().env("XDG_STATE_HOME", home.resolve("state").toString()).run("report", "-o", "json");
            assertEquals(0, report.code(), report.toString());
            JsonNode action = report.json().path("actions").get(0);
            assertEquals("INTERRUPTED", action.path("decision").asText(), report.out());
            assertTrue(report.json().path("openItems").toString().contains(
                    "Mitigation interrupted while running (started, never finished): Delete every stale session"), report.out());
            IrmCli.Result markdown = new IrmCli().env("XDG_STATE_HOME", home.resolve("state").toString()).run("report");
            assertTrue(markdown.out().contains("INTERRUPTED") && !markdown.out().contains("PREVIEWED"), markdown.out());
        }
    }

    private static Path waitForEvent(Path dir, String event, Process irm) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline && irm.isAlive()) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path p : files.toList()) {
                        if (Files.readString(p).contains(event)) {
                            return p;
                        }
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + event + " in a record under " + dir + " (irm alive: " + irm.isAlive() + ")");
    }
}
