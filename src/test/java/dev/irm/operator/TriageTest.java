package dev.irm.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.testing.IrmCli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** {@code irm triage}: each symptom line of SCENARIOS.md ranks its runbook first. */
class TriageTest {
    private final IrmCli cli = new IrmCli();

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            OOM command not allowed                                           | redis-oom
            evictions                                                         | redis-oom
            cache misses flooding the DB                                      | redis-oom
            lock failures                                                     | redis-oom
            Redis memory full                                                 | redis-oom
            OOM command not allowed when used memory > 'maxmemory'.           | redis-oom
            PING fails / refused                                              | redis-down
            Connection refused                                                | redis-down
            io.lettuce.core.RedisConnectionException: Unable to connect to localhost:6379 | redis-down
            Redis 메모리 부족                                                  | redis-oom
            redis 메모리가 부족합니다                                           | redis-oom
            Lock wait timeout exceeded; try restarting transaction            | db-pool-exhaustion
            Deadlock found when trying to get lock                            | db-pool-exhaustion
            com.mysql.cj.jdbc.exceptions.MySQLTransactionRollbackException: Lock wait timeout exceeded; try restarting transaction | db-pool-exhaustion
            org.springframework.dao.CannotAcquireLockException: PreparedStatementCallback; SQL [update seat set status=?]; Deadlock found when trying to get lock; try restarting transaction | db-pool-exhaustion
            ERROR 1213 (40001): Deadlock found when trying to get lock; try restarting transaction | db-pool-exhaustion
            """)
    void symptomRanksItsRunbookFirst(String text, String runbook) {
        IrmCli.Result r = cli.run("triage", text, "-o", "json");
        assertEquals(0, r.code(), r.toString());
        JsonNode json = r.json();
        assertEquals(runbook, json.path("best").asText(), r.out());
        assertEquals("irm run " + runbook, json.path("start").asText());
        assertEquals(runbook, json.path("matches").get(0).path("runbook").asText());
    }

    @Test
    void textNamesTheCommandToStart() {
        IrmCli.Result r = cli.run("triage", "OOM", "command", "not", "allowed");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("Start it: irm run redis-oom"), r.out());
    }

    @Test
    void nothingMatchedExits1() {
        IrmCli.Result r = cli.run("triage", "the coffee machine is empty");
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.out().contains("No runbook declares this symptom"), r.out());
        assertEquals(1, cli.run("triage", "-o", "json", "zzzz qqqq").code());
    }

    @Test
    void rankingIsGenericOverExtraRunbooks() throws Exception {
        Path dir = Files.createTempDirectory("irm-triage");
        Files.writeString(dir.resolve("db-pool.yaml"), """
                id: db-pool-test
                title: Widget pool drained
                severity: P0
                symptoms: [Widget handle is not available, "/WidgetPoolException/"]
                steps:
                  - {id: look, kind: manual, title: Look, text: look}
                """);
        IrmCli.Result r = cli.run("--runbooks", dir.toString(), "triage", "WidgetPoolException: pool drained", "-o", "json");
        assertEquals("db-pool-test", r.json().path("best").asText(), r.out());
        r = cli.run("--runbooks", dir.toString(), "triage", "Widget handle is not available, request timed out", "-o", "json");
        assertEquals("db-pool-test", r.json().path("best").asText(), r.out());
    }
}
