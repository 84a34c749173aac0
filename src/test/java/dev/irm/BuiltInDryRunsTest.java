package dev.irm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.testing.IrmCli;
import dev.irm.testing.MariaDbServer;
import dev.irm.testing.RedisServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Issue 11 item 1, across the catalog: every built-in runbook, run with {@code --dry-run} and
 * run without a terminal and without {@code --yes} (refused), against a faulty real Redis (full,
 * noeviction, lock and queue keys) and a faulty real MariaDB (duplicate payments, InnoDB and
 * Aria tables), leaves both exactly as they were: DEBUG DIGEST and the memory settings of Redis;
 * CHECKSUM TABLE, AUTO_INCREMENT and the globals of MariaDB. Kafka, Kubernetes, Docker and HTTP
 * point at nothing here (their own runbook tests compare their state); their mitigations are
 * skipped, which is asserted too.
 */
class BuiltInDryRunsTest {
    private static RedisServer redis;
    private static MariaDbServer db;
    private static Connection root;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServer.start("--maxmemory", "2mb", "--maxmemory-policy", "noeviction");
        try (Jedis jedis = redis.client()) {
            jedis.set("reservation:payment:lock:10", "owner-a");
            jedis.lpush("queue:waiting", "u1", "u2");
        }
        redis.fillToMaxmemory();
        db = MariaDbServer.start();
        root = db.connect();
        dev.irm.connector.mysql.HhplusDb.reset(root);
        try (Statement s = root.createStatement()) {
            s.execute("ALTER TABLE hhplus.point ENGINE=Aria");
            s.execute("ALTER TABLE hhplus.point_history ENGINE=Aria");
            s.execute("INSERT INTO hhplus.payment (reservation_id, user_id, amount, status) VALUES (10, 1, 30000, 'COMPLETED'), "
                    + "(11, 2, 25000, 'COMPLETED')");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        root.close();
        db.close();
        redis.close();
    }

    private static String state() throws Exception {
        StringBuilder out = new StringBuilder();
        try (Jedis jedis = redis.client()) {
            out.append("digest=").append(redis.digest()).append(' ').append(jedis.configGet("maxmemory*")).append('\n');
        }
        try (Statement s = root.createStatement()) {
            for (String t : List.of("reservation", "payment", "point", "point_history", "seat_hold")) {
                try (ResultSet rs = s.executeQuery("CHECKSUM TABLE hhplus." + t + " EXTENDED")) {
                    rs.next();
                    out.append(t).append('=').append(rs.getString(2)).append(' ');
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT TABLE_NAME, ENGINE, AUTO_INCREMENT FROM information_schema.TABLES "
                    + "WHERE TABLE_SCHEMA = 'hhplus' ORDER BY TABLE_NAME")) {
                while (rs.next()) {
                    out.append(rs.getString(1)).append('/').append(rs.getString(2)).append('/').append(rs.getString(3)).append(' ');
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT @@global.read_only, @@global.max_connections")) {
                rs.next();
                out.append("read_only=").append(rs.getString(1)).append(" max_connections=").append(rs.getString(2));
            }
        }
        return out.toString();
    }

    private static IrmCli.Result run(IrmCli cli, String id, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", id, "-o", "json", "--redis", redis.url(), "--mysql", db.jdbcUrl() + "hhplus",
                "--kafka", "127.0.0.1:1", "--app", "http://127.0.0.1:1", "--prometheus", "http://127.0.0.1:1",
                "--docker-host", "unix://" + cli.home().resolve("no-docker.sock")));
        args.addAll(List.of(extra));
        return cli.run(args.toArray(String[]::new));
    }

    @Test
    void noBuiltInRunbookChangesRedisOrMySqlOnADryRunOrARefusedRun() throws Exception {
        IrmCli cli = new IrmCli().env("KUBECONFIG", "/nonexistent/kubeconfig");
        List<String> ids = new ArrayList<>();
        cli.run("list", "-o", "json").json().forEach(r -> ids.add(r.path("id").asText()));
        assertTrue(ids.size() >= 18, ids.toString());
        String before = state();
        List<String> previewed = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (String id : ids) {
            IrmCli.Result dry = run(cli, id, "--dry-run");
            assertTrue(dry.code() <= 3, id + " dry run: " + dry);
            for (JsonNode m : dry.json().path("mitigations")) {
                assertTrue(Set.of("DRY_RUN", "SKIPPED").contains(m.path("decision").asText()), id + ": " + m);
                if (m.path("decision").asText().equals("DRY_RUN")) {
                    previewed.add(id + "/" + m.path("step").asText());
                }
            }
            assertEquals(before, state(), "after irm run " + id + " --dry-run");

            IrmCli.Result no = run(cli, id);
            assertTrue(no.code() <= 4, id + " refused run: " + no);
            for (JsonNode m : no.json().path("mitigations")) {
                assertTrue(Set.of("REFUSED", "SKIPPED").contains(m.path("decision").asText()), id + ": " + m);
                if (m.path("decision").asText().equals("REFUSED")) {
                    refused.add(id + "/" + m.path("step").asText());
                }
            }
            if (no.json().path("mitigations").toString().contains("REFUSED")) {
                assertEquals(4, no.code(), id + ": " + no.out());
            }
            assertEquals(before, state(), "after irm run " + id + " (refused)");
        }
        assertEquals(previewed, refused);
        assertTrue(previewed.containsAll(List.of("redis-oom/delete_cache", "redis-oom/eviction_policy", "redis-oom/flushdb",
                "payment-duplicates/cancel_duplicates", "queue-stall/reset_queues")), previewed.toString());
    }
}
