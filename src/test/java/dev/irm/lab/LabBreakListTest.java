package dev.irm.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.testing.IrmCli;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** {@code irm lab break --list} and bad input to break and heal (no lab is needed for either). */
class LabBreakListTest {
    private final IrmCli cli = new IrmCli();

    @Test
    void listNamesEveryBuiltInRunbookAndWhyTheKubernetesOneCannotBeBroken() {
        IrmCli.Result list = cli.run("lab", "break", "--list", "-o", "json");
        assertEquals(0, list.code(), list.toString());
        Set<String> listed = new TreeSet<>();
        for (JsonNode s : list.json()) {
            listed.add(s.path("runbook").asText());
            if (s.path("breakable").asBoolean()) {
                assertTrue(Set.of("WARNING", "CRITICAL").contains(s.path("expected").asText()), s.toString());
            } else {
                assertFalse(s.path("reason").asText().isBlank(), "a runbook that cannot be broken says why: " + s);
            }
        }
        Set<String> builtIn = new TreeSet<>();
        cli.run("list", "-o", "json").json().forEach(r -> builtIn.add(r.path("id").asText()));
        assertEquals(builtIn, listed, "every built-in runbook, once");
        JsonNode rollback = scenario(list.json(), "rollback");
        assertFalse(rollback.path("breakable").asBoolean());
        assertTrue(rollback.path("reason").asText().contains("no cluster"), rollback.toString());
        assertTrue(scenario(list.json(), "redis-oom").path("breakable").asBoolean());
        assertEquals("CRITICAL", scenario(list.json(), "redis-oom").path("expected").asText());
        assertTrue(scenario(list.json(), "redis-oom").path("drillable").asBoolean());
        JsonNode spike = scenario(list.json(), "traffic-spike");
        assertTrue(spike.path("breakable").asBoolean() && !spike.path("drillable").asBoolean(), spike.toString());
        assertTrue(spike.path("reason").asText().startsWith("no drill: "), spike.toString());
    }

    @Test
    void tableHasOneRowPerRunbook() {
        IrmCli.Result table = cli.run("lab", "break", "--list");
        assertEquals(0, table.code(), table.toString());
        assertTrue(table.out().startsWith("RUNBOOK"), table.out());
        assertTrue(table.out().lines().anyMatch(l -> l.startsWith("rollback") && l.contains(" no ") && l.contains("Kubernetes")), table.out());
        assertTrue(table.out().lines().anyMatch(l -> l.startsWith("circuit-breaker-open") && l.contains(" yes ") && l.contains("WARNING")), table.out());
    }

    @Test
    void unknownOrUnbreakableScenarioIsOneLineAndExit64() {
        for (String scenario : new String[] {"no-such-runbook", "rollback", "app-health"}) {
            IrmCli.Result r = cli.run("lab", "break", scenario);
            assertEquals(64, r.code(), r.toString());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains(scenario), r.err());
            assertEquals("", r.out());
        }
        IrmCli.Result heal = cli.run("lab", "heal", "no-such-runbook");
        assertEquals(64, heal.code(), heal.toString());
    }

    @Test
    void breakWithoutARunningLabSaysHowToStartOne() {
        IrmCli.Result r = cli.run("lab", "break", "redis-oom");
        assertEquals(64, r.code(), r.toString());
        assertTrue(r.err().contains("irm lab up"), r.err());
        IrmCli.Result none = cli.run("lab", "break");
        assertEquals(64, none.code(), none.toString());
    }

    private static JsonNode scenario(JsonNode list, String id) {
        for (JsonNode s : list) {
            if (id.equals(s.path("runbook").asText())) {
                return s;
            }
        }
        throw new AssertionError(id + " not listed: " + list);
    }
}
