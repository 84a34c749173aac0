package dev.irm.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reference app and Prometheus come up, expose what irm reads, and the lab switches work and reset. */
class ReferenceAppTest {
    private final ReferenceApp.Stack stack = ReferenceApp.shared();
    private final ReferenceApp app = stack.app();

    @BeforeEach
    void reset() {
        app.reset(stack);
    }

    @Test
    void exposesActuatorAndIsScrapedByPrometheus() {
        assertEquals(200, app.get("/actuator/health").statusCode());
        assertTrue(app.get("/actuator/health").body().contains("\"db\""), "health shows components");
        assertEquals(200, app.get("/actuator/metrics/hikaricp.connections.max").statusCode());
        assertTrue(app.get("/actuator/circuitbreakers").body().contains("paymentGateway"));
        String scrape = app.get("/actuator/prometheus").body();
        assertTrue(scrape.contains("hikaricp_connections_max{"), "hikari series");
        assertTrue(scrape.contains("resilience4j_circuitbreaker_state{"), "breaker series");
        var max = stack.prometheus().query("hikaricp_connections_max").path("data").path("result");
        assertEquals(1, max.size(), max.toString());
        assertEquals("10", max.get(0).path("value").path(1).asText(), "Spring Boot's default pool of 10");
    }

    @Test
    void poolHoldAndAdminActivateAndResetWork() {
        app.holdConnections(4);
        assertTrue(app.get("/lab/faults").body().contains("\"heldConnections\":4"), "the lab's state");
        assertEquals(401, app.post("/admin/queue/activate").statusCode(), "no token, no activation");
        app.reset(stack);
        String active = app.get("/actuator/metrics/hikaricp.connections.active").body();
        assertTrue(!active.contains("\"value\":4.0"), "reset returned the held connections: " + active);
    }

    @Test
    void seatReadTrafficFlowsUntilResetAndMissesWithFillingOff() throws Exception {
        app.fault("/cache/fill?on=false");
        assertTrue(app.fault("/traffic?rps=200").contains("\"seatReadsPerSecond\":200"));
        try (var jedis = stack.redis().client()) {
            long before = misses(jedis);
            Thread.sleep(1_000);
            long during = misses(jedis) - before;
            assertTrue(during >= 50, "seat reads miss Redis while the switch is on: " + during);
            app.reset(stack);
            assertTrue(app.get("/lab/faults").body().contains("\"seatReadsPerSecond\":0"), "reset stops the traffic");
            long stopped = misses(jedis);
            Thread.sleep(500);
            long after = misses(jedis) - stopped;
            // the app's own schedulers still miss now and then (an empty queue): the 200 reads a second are gone
            assertTrue(after < 10, "the seat reads stop after reset: " + after + " misses in 500 ms");
        }
    }

    private static long misses(redis.clients.jedis.Jedis jedis) {
        for (String line : jedis.info("stats").split("\r?\n")) {
            if (line.startsWith("keyspace_misses:")) {
                return Long.parseLong(line.substring("keyspace_misses:".length()).trim());
            }
        }
        throw new AssertionError("no keyspace_misses in INFO stats");
    }
}
