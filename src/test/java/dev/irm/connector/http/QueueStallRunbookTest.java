package dev.irm.connector.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.testing.IrmCli;
import dev.irm.testing.ReferenceApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.util.SafeEncoder;

/**
 * {@code queue-stall} on the reference app with its queue scheduler stopped (lab switch) and a
 * stalled queue of the test's own in the app's Redis: findings, the consent gate on the POST to
 * the app's real admin endpoint (401 without the right bearer token), the token never shown.
 */
class QueueStallRunbookTest {
    private static final String TOKEN = ReferenceApp.ADMIN_TOKEN;
    private final ReferenceApp.Stack stack = ReferenceApp.shared();
    private final ReferenceApp app = stack.app();
    private Jedis jedis;

    @BeforeEach
    void stalledQueue() {
        app.reset(stack);
        app.fault("/scheduler/queue/stop");
        jedis = stack.redis().client();
        jedis.flushDB();
        long now = System.currentTimeMillis();
        for (int i = 0; i < 5; i++) {
            jedis.zadd("queue:waiting", now - 15 * 60_000 + i * 1000, "fan-" + i);
        }
        jedis.set("queue:active:counter", "0");
    }

    @AfterEach
    void closeClient() {
        jedis.close();
        app.fault("/reset");
    }

    private IrmCli cli() {
        return new IrmCli().env("IRM_ADMIN_TOKEN", TOKEN);
    }

    private IrmCli.Result run(IrmCli cli, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("run", "queue-stall", "-o", "json", "--redis", stack.redis().url(),
                "--app", app.url(), "--prometheus", stack.prometheus().url()));
        args.addAll(List.of(more));
        return cli.run(args.toArray(String[]::new));
    }

    /** How many times the app ran its queue scheduler for the admin endpoint (its log line, {@code trigger=admin}). */
    private int adminActivations() {
        try {
            return (int) Files.readAllLines(app.logFile()).stream().filter(l -> l.contains("activateWaitingTokens") && l.contains("trigger=admin"))
                    .count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** DEBUG DIGEST: one hash of the whole dataset (the fixture starts Redis with the debug command enabled). */
    private String digest() {
        byte[] reply = (byte[]) jedis.sendCommand(() -> SafeEncoder.encode("DEBUG"), "DIGEST");
        return SafeEncoder.encode(reply);
    }

    @Test
    void diagnoseRedisFindsTheStalledQueue() {
        String before = digest();
        IrmCli.Result r = new IrmCli().run("diagnose", "redis", "-o", "json", "--redis", stack.redis().url());
        assertEquals(2, r.code(), r.toString());
        HttpDiagnoseTest.assertCheck(r, "redis.queue-oldest-waiting", "CRITICAL", "queue-stall");
        assertTrue(r.check("redis.queue-oldest-waiting").path("metrics").path("oldest_age_s").asLong() >= 14 * 60, r.out());
        HttpDiagnoseTest.assertCheck(r, "redis.queue-activation", "CRITICAL", "queue-stall");
        assertTrue(r.check("redis.queue-activation").path("summary").asText().contains("5 waiting, 0 active"), r.out());
        assertEquals(before, digest(), "diagnose changed nothing");
    }

    @Test
    void sixMinutesOfWaitingIsAWarningAndAnActiveQueueIsFine() {
        jedis.flushDB();
        jedis.zadd("queue:waiting", (System.currentTimeMillis() - 6 * 60_000) / 1000.0, "fan-s");
        jedis.zadd("queue:active", System.currentTimeMillis() + 600_000, "fan-a");
        IrmCli.Result r = new IrmCli().run("diagnose", "redis", "-o", "json", "--redis", stack.redis().url());
        HttpDiagnoseTest.assertCheck(r, "redis.queue-oldest-waiting", "WARNING", "queue-stall");
        HttpDiagnoseTest.assertCheck(r, "redis.queue-activation", "OK", "queue-stall");
    }

    @Test
    void dryRunPreviewsThePostAndTheLastResortWithoutSendingOrDeleting() throws Exception {
        IrmCli cli = cli();
        int activations = adminActivations();
        String before = digest();
        IrmCli.Result r = run(cli, "--dry-run");
        assertEquals(2, r.code(), r.toString());
        JsonNode activate = mitigation(r, "activate");
        assertEquals("DRY_RUN", activate.path("decision").asText());
        assertEquals("POST " + app.url() + "/admin/queue/activate with Authorization: Bearer *** (the admin token from IRM_ADMIN_TOKEN)",
                activate.path("command").asText());
        JsonNode reset = mitigation(r, "reset_queues");
        assertEquals("DRY_RUN", reset.path("decision").asText(), r.out());
        assertTrue(reset.path("blastRadius").asText().contains("queue:waiting (zset, 5 members)"), reset.toString());
        assertEquals(activations, adminActivations(), "a dry run sends no POST");
        assertEquals(before, digest(), "a dry run changes nothing");
        assertTokenNeverShown(cli, r);
    }

    @Test
    void withoutTerminalOrYesNothingIsSent() throws Exception {
        IrmCli cli = cli();
        int activations = adminActivations();
        String before = digest();
        IrmCli.Result r = run(cli);
        assertEquals(4, r.code(), r.toString());
        assertEquals("REFUSED", mitigation(r, "activate").path("decision").asText());
        assertEquals(activations, adminActivations());
        assertEquals(before, digest());
        assertTokenNeverShown(cli, r);
    }

    @Test
    void yesSendsExactlyOnePostWithTheBearerTokenAndTheQueueMovesAgain() throws Exception {
        IrmCli cli = cli();
        int activations = adminActivations();
        IrmCli.Result r = run(cli, "--yes");
        assertEquals(2, r.code(), "the run reports the findings it started from: " + r);
        JsonNode activate = mitigation(r, "activate");
        assertEquals("EXECUTED", activate.path("decision").asText(), r.out());
        assertEquals(200, activate.path("result").path("http_status").asInt(), "the app answers 401 without its bearer token: " + activate);
        assertEquals(activations + 1, adminActivations(), "exactly one POST ran the app's scheduler");
        assertEquals(5, jedis.zcard("queue:active"), "the app moved the 5 waiting fans");
        assertEquals(0, jedis.zcard("queue:waiting"));
        assertEquals("SKIPPED", mitigationOrSkip(r, "reset_queues"), "the queue moves again: no last resort");
        assertTokenNeverShown(cli, r);
    }

    @Test
    void aWrongTokenIsRefusedByTheAppAndTheQueueStaysStalled() throws Exception {
        IrmCli cli = new IrmCli().env("IRM_ADMIN_TOKEN", "not-the-admin-token");
        IrmCli.Result r = run(cli, "--yes", "--step", "activate");
        JsonNode activate = mitigation(r, "activate");
        assertEquals("FAILED", activate.path("decision").asText(), activate.toString());
        assertTrue(activate.path("message").asText().contains("answered HTTP 401"), activate.toString());
        assertEquals(5, jedis.zcard("queue:waiting"), r.out());
    }

    @Test
    void theLastResortNeedsItsTypedWordEvenWithYes() throws Exception {
        IrmCli cli = cli();
        int activations = adminActivations();
        IrmCli.Result refused = run(cli, "--yes", "--step", "reset_queues");
        assertEquals(4, refused.code(), refused.toString());
        JsonNode reset = mitigation(refused, "reset_queues");
        assertEquals("REFUSED", reset.path("decision").asText(), refused.out());
        assertTrue(reset.path("message").asText().contains("--confirm queue:waiting"), reset.toString());
        assertEquals(5, jedis.zcard("queue:waiting"));
        assertEquals(activations, adminActivations(), "--step limits which mitigations may run");

        IrmCli.Result done = run(cli, "--yes", "--step", "reset_queues", "--confirm", "queue:waiting");
        assertEquals("EXECUTED", mitigation(done, "reset_queues").path("decision").asText(), done.out());
        assertFalse(jedis.exists("queue:waiting"));
        assertTokenNeverShown(cli, done);
    }

    private static JsonNode mitigation(IrmCli.Result r, String step) {
        for (JsonNode m : r.json().path("mitigations")) {
            if (step.equals(m.path("step").asText())) {
                return m;
            }
        }
        throw new AssertionError("no mitigation " + step + " in " + r.out());
    }

    private static String mitigationOrSkip(IrmCli.Result r, String step) {
        for (JsonNode m : r.json().path("mitigations")) {
            if (step.equals(m.path("step").asText())) {
                return m.path("decision").asText();
            }
        }
        for (JsonNode s : r.json().path("steps")) {
            if (step.equals(s.path("id").asText())) {
                return s.path("status").asText();
            }
        }
        throw new AssertionError("no step " + step + " in " + r.out());
    }

    private static void assertTokenNeverShown(IrmCli cli, IrmCli.Result r) throws Exception {
        assertFalse(r.out().contains(TOKEN) || r.err().contains(TOKEN), r.toString());
        assertFalse(cli.records().isEmpty());
        for (Path record : cli.records()) {
            assertFalse(Files.readString(record).contains(TOKEN), record.toString());
        }
    }
}
