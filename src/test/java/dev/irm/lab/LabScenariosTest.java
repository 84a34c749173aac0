package dev.irm.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.lab.faults.LabFaultCatalog;
import dev.irm.testing.IrmCli;
import dev.irm.testing.LabFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every breakable runbook against the real lab's parts: {@code irm lab break X}, then
 * {@code irm --context lab diagnose all} finds a finding of runbook X at the expected severity, then
 * {@code irm lab heal} and the lab diagnoses clean again (no WARNING or above). Waits poll, bounded.
 */
class LabScenariosTest {
    /**
     * Bounds, not speeds: the slowest fault to find (a scheduler silent for twice its 10 s period) needs ~20 s; the
     * slowest to clear is an outage the app logged errors for (redis-down): its error lines are a past surge only
     * after error_log_quiet_s (60 s) without a new one.
     */
    private static final Duration FIND_LIMIT = Duration.ofSeconds(60);
    private static final Duration CLEAN_LIMIT = Duration.ofSeconds(120);
    private static LabFixture lab;
    private static IrmCli cli;

    /** The test JVM's lab (the app in a container when root, as users get it; else as a process), shared with DrillTest and LabUpDownTest. */
    @BeforeAll
    static void theLabDiagnosesClean() {
        lab = LabFixture.shared();
        cli = lab.cli();
        assertEquals(List.of(), awaitDiagnose("a clean lab before any fault", CLEAN_LIMIT, LabScenariosTest::clean));
    }

    @AfterAll
    static void healWhatIsLeft() {
        if (cli != null) {
            cli.run("lab", "heal");
        }
    }

    @AfterEach
    void healWhateverIsLeft() {
        cli.run("lab", "heal");
    }

    static Stream<String> breakable() {
        return LabFaultCatalog.scenarios().stream().filter(LabFaults.Scenario::breakable).map(LabFaults.Scenario::runbook);
    }

    @ParameterizedTest
    @MethodSource("breakable")
    void breakFindsTheRunbookAndHealLeavesTheLabClean(String runbook) {
        String expected = LabFaultCatalog.fault(runbook).orElseThrow().expected();
        String foundAs = LabFaultCatalog.fault(runbook).orElseThrow().foundAs();
        long started = System.nanoTime();
        IrmCli.Result broke = cli.run("lab", "break", runbook);
        assertEquals(0, broke.code(), broke.toString());
        long injected = System.nanoTime();
        IrmCli.Result again = cli.run("lab", "break", runbook);
        assertEquals(64, again.code(), "a fault is injected once: " + again);
        List<JsonNode> found = awaitDiagnose(runbook + " found at " + expected, FIND_LIMIT,
                findings -> findings.stream().anyMatch(f -> foundAs.equals(f.path("runbook").asText()) && expected.equals(f.path("severity").asText())));
        long seen = System.nanoTime();
        IrmCli.Result healed = cli.run("lab", "heal");
        assertEquals(0, healed.code(), healed.toString());
        assertTrue(healed.out().contains(runbook), healed.out());
        List<JsonNode> after = awaitDiagnose("a clean lab after healing " + runbook, CLEAN_LIMIT, LabScenariosTest::clean);
        long clean = System.nanoTime();
        assertEquals(List.of(), after);
        System.out.printf("lab-scenario %s: break %d ms, %s finding %d ms after break (%s), clean %d ms after heal%n", runbook,
                millis(started, injected), expected, millis(injected, seen), summary(found, foundAs), millis(seen, clean));
    }

    private static boolean clean(List<JsonNode> findings) {
        return findings.isEmpty();
    }

    /** Diagnoses until {@code done} holds for the findings (WARNING and above), bounded; returns the last findings. */
    private static List<JsonNode> awaitDiagnose(String what, Duration limit, Predicate<List<JsonNode>> done) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            IrmCli.Result r = cli.run("--context", "lab", "diagnose", "all", "-o", "json");
            assertTrue(r.code() <= 3 && r.json().has("findings"), "diagnose all did not diagnose: exit " + r.code() + " " + r.err());
            List<JsonNode> findings = new ArrayList<>();
            r.json().path("findings").forEach(findings::add);
            if (done.test(findings)) {
                return findings;
            }
            if (System.nanoTime() > deadline) {
                fail(what + " not within " + limit.toSeconds() + " s; last findings: " + findings + "\nexit " + r.code() + " " + r.err()
                        + "\n" + r.out().substring(0, Math.min(3000, r.out().length())));
            }
        }
    }

    private static String summary(List<JsonNode> findings, String runbook) {
        return findings.stream().filter(f -> runbook.equals(f.path("runbook").asText())).map(f -> f.path("check").asText())
                .distinct().reduce((a, b) -> a + ", " + b).orElse("");
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }
}
