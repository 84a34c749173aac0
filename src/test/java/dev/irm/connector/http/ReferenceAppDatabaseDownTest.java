package dev.irm.connector.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.testing.IrmCli;
import dev.irm.testing.MariaDbServer;
import dev.irm.testing.ReferenceApp;
import dev.irm.testing.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real app's own instance (its own MariaDB and Redis, so the shared stack stays up) for the
 * faults that break it: the heap exhausted by its leak, and its database stopped under it:
 * Spring's health waits for Hikari's 30 s connection-timeout, irm says so and points to
 * db-pool-exhaustion (whose MySQL checks then show the dead database), never "app unreachable".
 */
class ReferenceAppDatabaseDownTest {
    private static MariaDbServer db;
    private static RedisServer redis;
    private static ReferenceApp app;

    @BeforeAll
    static void start() throws Exception {
        db = MariaDbServer.start();
        redis = RedisServer.start("--maxmemory", "32mb");
        app = ReferenceApp.startOn(db, redis);
    }

    @AfterAll
    static void stop() {
        app.close();
        redis.close();
        db.close();
    }

    @Test
    void aHeapExhaustedByTheLeakIsLoggedAndFoundInTheAppLogFile() throws Exception {
        app.fault("/memory/leak?mbPerSecond=150");
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (!java.nio.file.Files.readString(app.logFile()).contains("OutOfMemoryError") && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        IrmCli cli = new IrmCli();
        java.nio.file.Files.writeString(cli.home().resolve("config.yaml"),
                "contexts:\n  lab:\n    variables: {platform: process, app_log: \"" + app.logFile() + "\"}\n");
        IrmCli.Result r = cli.run("diagnose", "process", "-o", "json", "--context", "lab");
        JsonNode oom = r.check("process.app-oom-log");
        assertEquals("CRITICAL", oom.path("status").asText(), oom.toString());
        assertEquals("app-oom", oom.path("runbook").asText());
        assertTrue(oom.path("summary").asText().contains("OutOfMemoryError line(s)"), oom.toString());
    }

    @Test
    void aDeadDatabaseIsAHealthFindingPointingToDbPoolExhaustion() {
        db.stop();
        IrmCli.Result r = new IrmCli().run("diagnose", "http", "-o", "json", "--app", app.url(),
                "--prometheus", "http://127.0.0.1:1");
        assertEquals("OK", r.check("http.reachable").path("status").asText(), "the app still answers: " + r.out());
        // Spring's health either waits for a connection (no answer) or answers at once with db DOWN when the
        // connection is refused; which one depends on where Hikari is in its retry: either is the finding.
        JsonNode answer = r.check("http.health-answer");
        JsonNode dbHealth = r.check("http.health-db");
        JsonNode health = "CRITICAL".equals(answer.path("status").asText()) ? answer : dbHealth;
        assertEquals("CRITICAL", health.path("status").asText(), answer + "\n" + dbHealth);
        assertEquals("db-pool-exhaustion", health.path("runbook").asText());
        assertTrue(health.path("summary").asText().contains("database down"), health.toString());
        JsonNode pool = r.check("http.hikari-pool");
        assertTrue(pool.path("metrics").has("max") && pool.path("metrics").path("max").asLong() == 10, pool.toString());
        assertEquals("db-pool-exhaustion", pool.path("runbook").asText());
        assertEquals(2, r.code(), r.toString());

        IrmCli.Result mysql = new IrmCli().run("diagnose", "mysql", "-o", "json", "--mysql", db.jdbcUrl() + ReferenceApp.DATABASE);
        assertEquals("CRITICAL", mysql.check("mysql.reachable").path("status").asText(), "the runbook's MySQL side: " + mysql.out());
    }
}
