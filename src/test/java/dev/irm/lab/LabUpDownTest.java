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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code irm lab up / status / down} for real: the shared lab (every part) is up and healthy and
 * {@code irm --context lab diagnose all} finds nothing on it; a second lab without Kafka is brought up and
 * down again, after which none of its processes runs and none of its ports answers.
 */
class LabUpDownTest {
    private static final List<String> ALL_PARTS = List.of("redis", "mariadb", "kafka", "alertmanager", "prometheus", "app");

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
            assertTrue(p.path("port").asInt() > 0, p.toString());
            assertTrue(ProcessHandle.of(p.path("pid").asLong()).map(ProcessHandle::isAlive).orElse(false), p.toString());
        }
        assertEquals(ALL_PARTS, parts);

        IrmCli.Result diagnose = lab.irm("--context", "lab", "diagnose", "all", "-o", "json");
        List<String> targets = new ArrayList<>();
        diagnose.json().path("targets").forEach(t -> targets.add(t.path("target").asText()));
        assertEquals(List.of("redis", "mysql", "kafka", "http", "process"), targets, diagnose.out());
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
    void aLabWithoutKafkaComesUpAndGoesDownLeavingNoProcessAndNoPort() throws Exception {
        LabFixture lab = LabFixture.start("--without", "kafka");
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
        } catch (AssertionError | RuntimeException e) {
            lab.down();
            throw e;
        }
        IrmCli.Result down = lab.irm("lab", "down");
        boolean dataLeft = Files.exists(lab.stateDir());
        lab.down();
        assertEquals(0, down.code(), down.toString());
        assertTrue(down.out().contains("the lab is down"), down.out());
        for (LabPart p : parts) {
            assertFalse(ProcessHandle.of(p.pid()).map(ProcessHandle::isAlive).orElse(false), "still running: " + p);
            assertFalse(Probes.listening(p.port()), "still listening: " + p);
        }
        assertFalse(dataLeft, "data removed without --keep");
    }
}
