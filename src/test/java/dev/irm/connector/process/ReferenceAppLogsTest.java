package dev.irm.connector.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.testing.IrmCli;
import dev.irm.testing.ReferenceApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * The {@code process} log source on the real app's log file: the seed 001 §3.3 heartbeats of
 * app-schedulers, and queue-stall with the app's real QueueScheduler stopped, mitigated by the
 * app's real admin endpoint.
 */
class ReferenceAppLogsTest {
    private final ReferenceApp.Stack stack = ReferenceApp.shared();
    private final ReferenceApp app = stack.app();

    @BeforeEach
    void reset() {
        app.reset(stack);
    }

    private IrmCli withContext(String variables) throws IOException {
        IrmCli cli = new IrmCli();
        Files.writeString(cli.home().resolve("config.yaml"), "contexts:\n  lab:\n    variables: {app_log: \"" + app.logFile()
                + "\", platform: process" + variables + "}\n");
        return cli;
    }

    /** Waits until the newest line containing {@code text} is older than {@code age} (the stopped scheduler stays silent). */
    private void awaitSilence(String text, Duration age) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            Instant last = lastLine(text);
            if (last != null && Duration.between(last, Instant.now()).compareTo(age) > 0) {
                return;
            }
            sleep(500);
        }
        throw new AssertionError(text + " still logged within " + age + ":\n" + app.logTail());
    }

    private Instant lastLine(String text) {
        try {
            List<String> lines = Files.readAllLines(app.logFile());
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).contains(text)) {
                    return LogFile.stamp(lines.get(i));
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theRealAppsSchedulerHeartbeatsAreReadFromItsLogFile() throws Exception {
        IrmCli.Result healthy = withContext("").run("diagnose", "process", "-o", "json", "--context", "lab");
        for (String id : List.of("process.scheduler-seat-hold", "process.scheduler-queue-token", "process.scheduler-reservation",
                "process.scheduler-payment-timeout", "process.scheduler-status")) {
            JsonNode check = healthy.check(id);
            assertEquals("OK", check.path("status").asText(), check.toString());
            assertTrue(check.path("summary").asText().contains("last logged"), check.toString());
        }
        healthy.json().path("findings").forEach(f -> assertTrue(!f.path("check").asText().startsWith("process.scheduler"),
                "running schedulers are no finding (error lines of earlier tests' faults may be): " + f));

        app.fault("/scheduler/seat-hold/stop");
        awaitSilence("[좌석점유정리]", Duration.ofSeconds(12));
        IrmCli.Result stalled = withContext(", heartbeat_factor: \"1.1\"").run("diagnose", "process", "-o", "json", "--context", "lab");
        JsonNode seatHold = stalled.check("process.scheduler-seat-hold");
        assertEquals("CRITICAL", seatHold.path("status").asText(), seatHold.toString());
        assertEquals("unknown-outage", seatHold.path("runbook").asText());
        assertTrue(seatHold.path("metrics").path("missing_for_s").asLong() > 11, seatHold.toString());
        assertEquals("OK", stalled.check("process.scheduler-queue-token").path("status").asText(), "the others still beat: " + stalled.out());
        assertEquals(2, stalled.code(), stalled.toString());
    }

    @Test
    void theAppsErrorLinesAreReadFromItsLogFile() throws Exception {
        IrmCli cli = withContext(", error_log_warn: \"15\"");
        app.fault("/errors?percent=50");
        for (int i = 0; i < 40; i++) {
            app.get("/api/concerts/9/seats");
        }
        IrmCli.Result r = cli.run("diagnose", "process", "-o", "json", "--context", "lab");
        JsonNode errors = r.check("process.app-error-log");
        assertEquals("WARNING", errors.path("status").asText(), errors.toString());
        assertEquals("error-surge", errors.path("runbook").asText());
        assertTrue(errors.path("metrics").path("matches").asLong() >= 20, "20 failed requests, each logged: " + errors);
    }

    @Test
    void queueStallWithTheRealSchedulerStoppedIsFoundAndTheAdminEndpointMovesTheQueue() throws Exception {
        app.fault("/scheduler/queue/stop");
        long enqueued = System.nanoTime();
        for (int i = 0; i < 12; i++) {
            assertEquals(200, app.post("/api/queue/token").statusCode());
        }
        awaitSilence("QueueScheduler.activateWaitingTokens", Duration.ofSeconds(5));
        // the oldest token must be older than warn_age_s (3 s) before irm looks, however fast the lines above ran
        long olderThanWarn = Duration.ofMillis(4_500).toNanos() - (System.nanoTime() - enqueued);
        if (olderThanWarn > 0) {
            Thread.sleep(olderThanWarn / 1_000_000);
        }
        IrmCli cli = withContext(", scheduler_period_s: \"2\", warn_age_s: \"3\"").env("IRM_ADMIN_TOKEN", ReferenceApp.ADMIN_TOKEN);
        IrmCli.Result r = cli.run("run", "queue-stall", "-o", "json", "--context", "lab", "--yes",
                "--redis", stack.redis().url(), "--app", app.url(), "--prometheus", stack.prometheus().url());
        assertEquals("CRITICAL", status(r, "redis.queue-activation"), r.out());
        assertEquals("WARNING", status(r, "redis.queue-oldest-waiting"), r.out());
        assertEquals("CRITICAL", status(r, "process.queue-scheduler-heartbeat"), r.out());
        assertEquals("EXECUTED", decision(r, "activate"), r.out());
        assertEquals("OK", status(r, "redis.queue-activation-after"), r.out());
        try (Jedis jedis = stack.redis().client()) {
            assertEquals(12, jedis.zcard("queue:active"), "the app's own activation moved all 12");
            assertEquals(0, jedis.zcard("queue:waiting"));
        }
        assertTrue(app.logTail().contains("trigger=admin"), "the app ran its scheduler for the admin call");
        assertTrue(!r.out().contains(ReferenceApp.ADMIN_TOKEN));
    }

    /** The status of the check {@code id} anywhere in a run's JSON. */
    private static String status(IrmCli.Result r, String id) {
        List<JsonNode> found = new ArrayList<>();
        r.json().findParents("id").forEach(n -> {
            if (id.equals(n.path("id").asText()) && n.has("status")) {
                found.add(n);
            }
        });
        if (found.isEmpty()) {
            r.json().findParents("check").forEach(n -> {
                if (id.equals(n.path("check").asText())) {
                    found.add(n);
                }
            });
        }
        if (found.isEmpty()) {
            throw new AssertionError("no check " + id + " in " + r.out());
        }
        JsonNode n = found.get(0);
        return n.has("status") ? n.path("status").asText() : n.path("severity").asText();
    }

    private static String decision(IrmCli.Result r, String step) {
        for (JsonNode m : r.json().path("mitigations")) {
            if (step.equals(m.path("step").asText())) {
                return m.path("decision").asText();
            }
        }
        throw new AssertionError("no mitigation " + step + " in " + r.out());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
