package dev.irm.connector.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.testing.IrmCli;
import dev.irm.testing.ReferenceApp;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;

/**
 * The data faults the real app makes itself: a duplicate payment from its check-then-insert race
 * (lock off), and a cache-hit collapse while it serves (cache filling off, the hot keys gone).
 */
class ReferenceAppDataTest {
    private final ReferenceApp.Stack stack = ReferenceApp.shared();
    private final ReferenceApp app = stack.app();

    @BeforeEach
    void reset() {
        app.reset(stack);
    }

    private String mysqlUrl() {
        return stack.db().jdbcUrl() + ReferenceApp.DATABASE;
    }

    @Test
    void theAppsPaymentRaceMakesADuplicateThatPaymentDuplicatesFinds() throws Exception {
        IrmCli.Result before = new IrmCli().run("diagnose", "mysql", "-o", "json", "--mysql", mysqlUrl());
        assertEquals("OK", before.check("mysql.duplicate-payments").path("status").asText(), before.out());

        String attempts = app.fault("/payment/duplicate?reservationId=12&userId=3&amount=30000");
        assertEquals(2, attempts.split("COMPLETED", -1).length - 1, "both racing payments completed: " + attempts);
        try (Connection c = stack.db().connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM hhplus.payment WHERE reservation_id = 12 AND status = 'COMPLETED'")) {
            rs.next();
            assertEquals(2, rs.getInt(1), "the app itself wrote the duplicate");
        }
        IrmCli.Result r = new IrmCli().run("diagnose", "mysql", "-o", "json", "--mysql", mysqlUrl());
        JsonNode dup = r.check("mysql.duplicate-payments");
        assertEquals("CRITICAL", dup.path("status").asText(), dup.toString());
        assertEquals("payment-duplicates", dup.path("runbook").asText());
        assertTrue(dup.path("summary").asText().contains("1"), dup.toString());
        assertEquals(2, r.code(), r.toString());
    }

    @Test
    void aCacheHitCollapseWhileTheAppServesIsCriticalToCacheStampede() throws Exception {
        IrmCli cli = new IrmCli();
        Files.writeString(cli.home().resolve("config.yaml"), "contexts:\n  lab:\n    variables: {min_lookups: \"150\"}\n");
        for (int i = 0; i < 40; i++) {
            app.get("/api/concerts/" + (i % 20 + 1) + "/seats");
        }
        app.fault("/traffic?rps=300");
        IrmCli.Result warm = cli.run("diagnose", "redis", "-o", "json", "--redis", stack.redis().url(), "--context", "lab");
        JsonNode warmRatio = warm.check("redis.cache-hit-collapse");
        assertEquals("OK", warmRatio.path("status").asText(), warmRatio.toString());
        assertEquals(0, warm.code(), warm.toString());

        app.fault("/cache/fill?on=false");
        try (Jedis jedis = stack.redis().client()) {
            jedis.scan("0", new ScanParams().match("cache:*").count(100)).getResult().forEach(jedis::del);
        }
        IrmCli.Result r = cli.run("diagnose", "redis", "-o", "json", "--redis", stack.redis().url(), "--context", "lab");
        app.fault("/traffic?rps=0");
        JsonNode ratio = r.check("redis.cache-hit-collapse");
        assertEquals("CRITICAL", ratio.path("status").asText(), ratio.toString());
        assertEquals("cache-stampede", ratio.path("runbook").asText());
        assertTrue(ratio.path("metrics").path("hit_ratio_pct").asDouble() < 40, ratio.toString());
    }
}
