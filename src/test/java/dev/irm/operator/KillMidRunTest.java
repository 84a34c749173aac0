package dev.irm.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.render.Json;
import dev.irm.testing.FreePorts;
import dev.irm.testing.IrmCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

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
