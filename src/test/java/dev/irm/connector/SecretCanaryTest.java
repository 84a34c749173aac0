package dev.irm.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.testing.IrmCli;
import dev.irm.testing.MariaDbServer;
import dev.irm.testing.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 item 7: a canary password holding '/', ' ', '@' and ':' — in the Redis URL, in
 * requirepass and masterauth, in the MySQL password and a MariaDB variable — never appears on
 * stdout, stderr, in a record or in {@code -o json}, while irm still connects and works.
 */
class SecretCanaryTest {
    private static final String CANARY = "Ca/na ry@9:x";
    private static final String MYSQL_CANARY = "My/sq l@7:z";
    private static RedisServer redis;
    private static MariaDbServer db;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServer.start("--requirepass", CANARY, "--masterauth", CANARY);
        db = MariaDbServer.start();
        try (Connection root = db.connect(); Statement s = root.createStatement()) {
            s.execute("CREATE USER 'watcher'@'%' IDENTIFIED BY '" + MYSQL_CANARY.replace("'", "''") + "'");
            s.execute("GRANT SELECT, PROCESS ON *.* TO 'watcher'@'%'");
        }
    }

    @AfterAll
    static void stop() {
        redis.close();
        db.close();
    }

    private static String redisUrl() {
        return "redis://:" + CANARY + "@127.0.0.1:" + redis.port();
    }

    private static void assertNoCanary(IrmCli cli, IrmCli.Result r) throws Exception {
        StringBuilder all = new StringBuilder(r.out()).append(r.err());
        for (Path record : cli.records()) {
            all.append(Files.readString(record));
        }
        Path audit = cli.home().resolve("state/irm/audit.log");
        if (Files.exists(audit)) {
            all.append(Files.readString(audit));
        }
        for (String secret : List.of(CANARY, MYSQL_CANARY)) {
            for (String piece : List.of(secret, secret.substring(0, 5), secret.substring(3, 8), secret.substring(6))) {
                assertFalse(all.toString().contains(piece), "'" + piece + "' leaked in:\n" + all);
            }
        }
    }

    @Test
    void aPasswordWithSlashSpaceAtAndColonConnectsAndIsNeverShown() throws Exception {
        IrmCli cli = new IrmCli();
        IrmCli.Result r = cli.run("diagnose", "redis", "--redis", redisUrl(), "-o", "json");
        assertTrue(r.code() < 3, r.toString());
        JsonNode target = r.json().path("targets").get(0);
        assertEquals("redis://:***@127.0.0.1:" + redis.port(), target.path("endpoint").asText(), r.out());
        assertNoCanary(cli, r);

        IrmCli.Result bad = cli.run("diagnose", "redis", "--redis", "redis://:" + CANARY + "@127.0.0.1:notaport", "-o", "json");
        assertTrue(bad.out().contains("bad Redis URL 'redis://:***@127.0.0.1:notaport'") || bad.err().contains("bad Redis URL 'redis://:***@"),
                bad.toString());
        assertNoCanary(cli, bad);

        IrmCli.Result text = cli.run("diagnose", "redis", "--redis", "redis://" + CANARY + "@127.0.0.1:" + redis.port() + "/x");
        assertTrue((text.out() + text.err()).contains("redis://***@127.0.0.1:" + redis.port() + "/x"), text.toString());
        assertNoCanary(cli, text);
    }

    @Test
    void secretSettingsAreRedactedInEveryRead() throws Exception {
        Files.writeString(dir.resolve("peek.yaml"), """
                id: peek-config
                title: Peek at the settings
                severity: P3
                targets: [redis, mysql]
                steps:
                  - {id: one, kind: diagnostic, title: requirepass, action: redis.config-get, with: {parameter: requirepass}}
                  - {id: auth, kind: diagnostic, title: masterauth, action: redis.command, with: {argv: [CONFIG, GET, masterauth]}}
                  - {id: all, kind: diagnostic, title: everything, action: redis.command, with: {argv: [CONFIG, GET, "*"]}}
                  - id: vars
                    kind: diagnostic
                    title: MariaDB variables
                    action: mysql.query
                    with: {sql: "SHOW GLOBAL VARIABLES LIKE 'wsrep_sst_auth'"}
                  - id: users
                    kind: diagnostic
                    title: MariaDB accounts
                    action: mysql.query
                    with: {sql: "SELECT User, authentication_string, Password FROM mysql.user WHERE User = 'watcher'"}
                """);
        try (Connection root = db.connect(); Statement s = root.createStatement()) {
            s.execute("SET GLOBAL wsrep_sst_auth = 'sst:" + MYSQL_CANARY.replace("'", "''") + "'");
        }
        IrmCli cli = new IrmCli().env("IRM_MYSQL_PASSWORD", MYSQL_CANARY);
        IrmCli.Result r = cli.run("--runbooks", dir.toString(), "run", "peek-config", "--redis", redisUrl(),
                "--mysql", db.jdbcUrl(), "--mysql-user", "watcher", "-o", "json");
        assertEquals(0, r.code(), r.toString());
        JsonNode steps = r.json().path("steps");
        assertEquals("***", steps.get(0).path("metrics").path("requirepass").asText(), r.out());
        assertEquals(List.of("masterauth", "***"), List.of(steps.get(1).path("metrics").path("reply").get(0).asText(),
                steps.get(1).path("metrics").path("reply").get(1).asText()), r.out());
        String all = steps.get(2).path("metrics").path("reply").toString();
        assertTrue(all.contains("\"requirepass\",\"***\"") && all.contains("\"masterauth\",\"***\"") && all.contains("\"maxmemory-policy\""), all);
        String record = Files.readString(cli.records().get(0));
        assertTrue(record.contains("\"variable_name\":\"wsrep_sst_auth\",\"value\":\"***\""), record);
        assertTrue(record.contains("\"authentication_string\":\"***\""), record);
        assertNoCanary(cli, r);
    }
}
