package dev.irm.connector.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.testing.FreePorts;
import dev.irm.testing.IrmCli;
import dev.irm.testing.SpringAppServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code irm diagnose http} against {@link SpringAppServer}, for the shapes the real app cannot
 * produce on demand (see its Javadoc) and for dead/black-holed/bad URLs; what the real app shows is
 * in {@link ReferenceAppDiagnoseTest}.
 */
class HttpDiagnoseTest {
    /** Liveness guard only (no hang); speed is measured, not asserted. */
    private static final Duration NO_HANG = Duration.ofSeconds(20);

    private static IrmCli.Result diagnose(SpringAppServer app, String... more) {
        String[] args = new String[] {"diagnose", "http", "-o", "json", "--app", app.url(), "--prometheus", app.url()};
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return new IrmCli().run(all);
    }

    /**
     * What the real app cannot show on demand, at once: a health DOWN at once with its db component
     * DOWN, threads waiting for the pool, a second breaker HALF_OPEN, a chosen p95 and CPU.
     */
    @Test
    void imitatedFaultsAreFoundWithTheirRunbooks() {
        try (SpringAppServer app = SpringAppServer.start()) {
            app.pool(9, 10, 3, 0).breaker("dataPlatform", "OPEN").breaker("notification", "HALF_OPEN")
                    .prometheus("histogram_quantile", "0.8").prometheus("process_cpu_usage", "0.95")
                    .health("DOWN", "DOWN");
            IrmCli.Result r = diagnose(app);
            assertEquals(2, r.code(), r.toString());
            assertCheck(r, "http.health", "CRITICAL", "app-health");
            assertTrue(r.check("http.health").path("summary").asText().contains("db=DOWN"), r.out());
            assertCheck(r, "http.hikari-pool", "CRITICAL", "db-pool-exhaustion");
            assertEquals(90.0, r.check("http.hikari-pool").path("metrics").path("active_pct").asDouble());
            assertEquals(3, r.check("http.hikari-pool").path("metrics").path("pending").asLong());
            assertCheck(r, "http.circuit-breakers", "WARNING", "circuit-breaker-open");
            assertTrue(r.check("http.circuit-breakers").path("summary").asText()
                    .contains("1 of 2 circuit breakers OPEN (dataPlatform), 1 HALF_OPEN, 12 calls refused"), r.out());
            assertCheck(r, "http.latency-p95", "WARNING", "error-surge");
            assertCheck(r, "http.cpu", "CRITICAL", "traffic-spike");
            JsonNode first = r.json().path("findings").get(0);
            assertEquals("CRITICAL", first.path("severity").asText());
            assertEquals(0, app.posts().size(), "diagnostics never POST");
        }
    }

    /** A saturated CPU (a figure the real app cannot be driven to on demand) shows traffic-spike's scale-out. */
    @Test
    void aSaturatedCpuIsCriticalToTrafficSpikeAndShowsScaleOut() {
        try (SpringAppServer app = SpringAppServer.start()) {
            app.prometheus("process_cpu_usage", "0.95").prometheus("histogram_quantile", "0.8");
            IrmCli.Result r = new IrmCli().run("run", "traffic-spike", "--dry-run", "-o", "json", "--app", app.url(),
                    "--prometheus", app.url(), "--redis", "redis://127.0.0.1:1");
            assertEquals(2, r.code(), r.toString());
            JsonNode cpu = finding(r, "http.cpu");
            assertEquals("CRITICAL", cpu.path("severity").asText(), cpu.toString());
            assertEquals("traffic-spike", cpu.path("runbook").asText());
            assertEquals("WARNING", finding(r, "http.spike-latency-p95").path("severity").asText(), r.out());
            String scaleOut = stepMessage(r, "scale_out");
            assertEquals("open", scaleOut, "scale out is shown (and left open without a terminal) when CPU is critical");
            assertEquals(0, app.posts().size());
        }
    }

    private static JsonNode finding(IrmCli.Result r, String check) {
        for (JsonNode f : r.json().path("findings")) {
            if (check.equals(f.path("check").asText())) {
                return f;
            }
        }
        throw new AssertionError("no finding " + check + " in " + r.out());
    }

    private static String stepMessage(IrmCli.Result r, String id) {
        for (JsonNode s : r.json().path("steps")) {
            if (id.equals(s.path("id").asText())) {
                return s.path("message").asText();
            }
        }
        throw new AssertionError("no step " + id + " in " + r.out());
    }

    /** Threads waiting while few connections are active: a shape the real app cannot hold on demand. */
    @Test
    void waitingThreadsAloneAreAWarning() {
        try (SpringAppServer app = SpringAppServer.start()) {
            app.pool(2, 10, 1, 8);
            IrmCli.Result pending = diagnose(app);
            assertEquals(1, pending.code(), pending.toString());
            assertCheck(pending, "http.hikari-pool", "WARNING", "db-pool-exhaustion");
        }
    }

    @Test
    void aFullPoolWithoutTheIdleMetricIsStillCritical() {
        try (SpringAppServer app = SpringAppServer.start()) {
            app.poolWithoutIdle(12, 12, 4);
            IrmCli.Result r = diagnose(app);
            assertCheck(r, "http.hikari-pool", "CRITICAL", "db-pool-exhaustion");
            String summary = r.check("http.hikari-pool").path("summary").asText();
            assertTrue(summary.contains("12 of 12 connections active (100.0%), 4 threads waiting"), summary);
            assertTrue(!summary.contains("idle"), "idle is not made up: " + summary);
        }
    }

    @Test
    void refusedAppIsACriticalFindingNotACrash() {
        String url = "http://127.0.0.1:" + FreePorts.next();
        IrmCli.Result r = assertTimeoutPreemptively(NO_HANG, () -> new IrmCli().run("diagnose", "http", "-o", "json", "--app", url));
        assertEquals(2, r.code(), r.toString());
        JsonNode reachable = r.check("http.reachable");
        assertEquals("CRITICAL", reachable.path("status").asText());
        assertEquals("error-surge", reachable.path("runbook").asText());
        assertTrue(reachable.path("summary").asText().contains("connection refused"), reachable.toString());
        assertTrue(reachable.path("summary").asText().contains(url), reachable.toString());
        assertEquals("", r.err());
        System.out.println("refused app → CRITICAL in " + r.millis() + " ms (command), " + r.json().path("durationMs") + " ms (diagnose)");
    }

    @Test
    void anAppThatNeverAnswersIsATimeoutFinding() {
        try (FreePorts.BlackHole hole = FreePorts.blackHolePort()) {
            IrmCli.Result r = assertTimeoutPreemptively(NO_HANG, () -> new IrmCli().run("diagnose", "http", "-o", "json",
                    "--app", "http://" + hole.address(), "--prometheus", "http://" + hole.address()));
            assertEquals(2, r.code(), r.toString());
            assertTrue(r.check("http.reachable").path("summary").asText().contains("timeout after 1000 ms"), r.out());
            System.out.println("black-hole app → CRITICAL in " + r.millis() + " ms (command), " + r.json().path("durationMs") + " ms (diagnose)");
        }
    }

    @Test
    void aBadUrlIsOneLineNamingTheOption() {
        IrmCli.Result r = new IrmCli().run("diagnose", "http", "-o", "json", "--app", "not-a-url");
        assertEquals(2, r.code(), r.toString());
        String summary = r.check("http.reachable").path("summary").asText();
        assertTrue(summary.contains("bad --app URL 'not-a-url'"), summary);
        assertEquals(1, summary.lines().count(), summary);
        assertEquals("", r.err());
        IrmCli.Result prometheus = new IrmCli().run("diagnose", "http", "--prometheus", "ftp://x");
        assertEquals(2, prometheus.code(), prometheus.toString());
        assertTrue(prometheus.out().contains("bad --prometheus URL 'ftp://x'"), prometheus.out());
        assertTrue(!prometheus.out().contains("Exception") && prometheus.err().isEmpty(), prometheus.toString());
    }

    static void assertCheck(IrmCli.Result r, String id, String status, String runbook) {
        JsonNode check = r.check(id);
        assertEquals(status, check.path("status").asText(), id + ": " + check);
        assertEquals(runbook, check.path("runbook").asText(), id + ": " + check);
    }
}
