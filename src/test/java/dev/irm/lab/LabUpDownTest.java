package dev.irm.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.testing.IrmCli;
import dev.irm.testing.LabFixture;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code irm lab up / status / down} for real: the shared lab (every part) is up and healthy and
 * {@code irm --context lab diagnose all} finds nothing on it; a second lab without Kafka and Docker is brought
 * down with {@code --keep}, up again on its kept data, and down, after which none of its processes runs, none
 * of its ports answers and its folder is gone.
 */
class LabUpDownTest {

    @Test
    void theSharedLabIsUpWithEveryPartAndDiagnoseAllFindsNothing() {
        LabFixture lab = LabFixture.shared();
        IrmCli.Result status = lab.irm("lab", "status", "-o", "json");
        assertEquals(0, status.code(), status.toString());
        JsonNode json = status.json();
        assertTrue(json.path("up").asBoolean(), status.out());
        List<String> parts = new ArrayList<>();
        for (JsonNode p : json.path("parts")) {
            parts.add(p.path("part").asText());
            assertTrue(p.path("up").asBoolean(), p.toString());
            assertEquals("ok", p.path("health").asText(), p.toString());
            assertTrue(p.path("part").asText().equals("docker") || p.path("port").asInt() > 0, p.toString());
            assertTrue(ProcessHandle.of(p.path("pid").asLong()).map(ProcessHandle::isAlive).orElse(false), p.toString());
        }
        assertEquals(lab.endpoints().appContainer() != null
                ? List.of("redis", "mariadb", "kafka", "alertmanager", "prometheus", "docker", "app")
                : List.of("redis", "mariadb", "kafka", "alertmanager", "prometheus", "app"), parts);

        IrmCli.Result diagnose = lab.irm("--context", "lab", "diagnose", "all", "-o", "json");
        List<String> targets = new ArrayList<>();
        diagnose.json().path("targets").forEach(t -> targets.add(t.path("target").asText()));
        boolean inContainer = lab.endpoints().appContainer() != null;
        assertEquals(List.of("redis", "mysql", "kafka", "http", inContainer ? "docker" : "process"), targets, diagnose.out());
        List<JsonNode> atWarningOrAbove = new ArrayList<>();
        diagnose.json().path("findings").forEach(f -> {
            if (List.of("WARNING", "CRITICAL", "UNKNOWN").contains(f.path("severity").asText())) {
                atWarningOrAbove.add(f);
            }
        });
        assertEquals(List.of(), atWarningOrAbove, diagnose.out());
        assertEquals(0, diagnose.code(), diagnose.toString());

        IrmCli.Result again = lab.irm("lab", "up");
        assertEquals(0, again.code(), again.toString());
        assertTrue(again.out().contains("already up"), again.out());
    }

    @Test
    void aLabWithoutKafkaAndDockerComesUpGoesDownKeepingItsDataAndLeavesNoProcessAndNoPort() throws Exception {
        LabFixture lab = LabFixture.start("--without", "kafka", "--without", "docker");
        List<LabPart> parts;
        try {
            assertTrue(lab.upResult().out().contains("the app runs as a process"), lab.upResult().out());
            LabState state = lab.state();
            parts = state.parts();
            assertEquals(List.of("redis", "mariadb", "alertmanager", "prometheus", "app"), parts.stream().map(LabPart::name).toList());
            assertNull(state.endpoints().kafkaBootstrap());
            assertNotNull(state.endpoints().appPid());
            for (LabPart p : parts) {
                assertTrue(ProcessHandle.of(p.pid()).map(ProcessHandle::isAlive).orElse(false), p.toString());
                assertTrue(Probes.listening(p.port()), p.toString());
            }
            String config = Files.readString(java.nio.file.Path.of(lab.env().get("IRM_CONFIG")));
            assertTrue(config.contains("lab:"), config);
            assertFalse(config.contains("kafka:\n      bootstrap"), "no kafka in the context without kafka:\n" + config);

            IrmCli.Result diagnose = lab.irm("--context", "lab", "diagnose", "all", "-o", "json");
            List<String> targets = new ArrayList<>();
            diagnose.json().path("targets").forEach(t -> targets.add(t.path("target").asText()));
            assertEquals(List.of("redis", "mysql", "http", "process"), targets, diagnose.out());

            IrmCli.Result kept = lab.irm("lab", "down", "--keep");
            assertEquals(0, kept.code(), kept.toString());
            assertNoneRunning(parts);
            assertTrue(Files.isDirectory(lab.stateDir().resolve("mariadb/data/hhplus")), "--keep keeps the database");
            IrmCli.Result again = lab.irm("lab", "up", "--without", "kafka", "--without", "docker");
            assertEquals(0, again.code(), again.toString());
            parts = lab.state().parts();
            assertEquals(3, count(lab.state().endpoints(), "point"), "the kept data, seeded once");
        } catch (AssertionError | RuntimeException e) {
            lab.down();
            throw e;
        }
        IrmCli.Result down = lab.irm("lab", "down");
        boolean dataLeft = Files.exists(lab.stateDir());
        lab.down();
        assertEquals(0, down.code(), down.toString());
        assertTrue(down.out().contains("the lab is down"), down.out());
        assertNoneRunning(parts);
        assertFalse(dataLeft, "data removed without --keep");
    }

    private static void assertNoneRunning(List<LabPart> parts) {
        for (LabPart p : parts) {
            assertFalse(ProcessHandle.of(p.pid()).map(ProcessHandle::isAlive).orElse(false), "still running: " + p);
            assertFalse(Probes.listening(p.port()), "still listening: " + p);
        }
    }

    private static long count(LabEndpoints e, String table) throws Exception {
        try (Connection c = DriverManager.getConnection(e.mysqlUrl() + "hhplus", e.mysqlUser(), "");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
