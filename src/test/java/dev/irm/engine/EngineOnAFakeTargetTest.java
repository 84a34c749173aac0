package dev.irm.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.irm.connector.Observation;
import dev.irm.connector.Preview;
import dev.irm.connector.Risk;
import dev.irm.runbook.Check;
import dev.irm.runbook.LoadedRunbook;
import dev.irm.runbook.RunbookLoader;
import dev.irm.runbook.RunbookValidator;
import dev.irm.support.ExitCode;
import dev.irm.testing.FakeTarget;
import dev.irm.testing.ScriptedOperator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The engine on a {@link FakeTarget}, in milliseconds: checks judged on an observation, a failed
 * or hung read that does not stop the others, {@code when:} branches, dry runs, the consent gate
 * and quitting. The same engine runs against real servers in the connector and operator tests.
 */
class EngineOnAFakeTargetTest {
    private static final String WHO = "ops@test";
    private static final String READS = """
              - id: load
                kind: diagnostic
                title: Load
                action: redis.load
                checks:
                  - id: fake.load
                    title: Load
                    critical: load >= 90
                    warning: load >= 70
                    summary: "load is ${load}"
            """;
    private static final String MITIGATIONS = """
              - id: flush
                kind: mitigation
                title: Flush
                action: redis.flush
                risk: low
              - id: purge
                kind: mitigation
                title: Purge
                action: redis.purge
                risk: high
            """;

    private final List<TimelineEvent> events = new ArrayList<>();

    @Test
    void aCheckIsJudgedOnWhatTheReadObserved() {
        LoadedRunbook loaded = runbook(fake(0), READS);
        Check check = loaded.runbook().step("load").checks().get(0);
        Scope scope = new Scope(Map.of(), new LinkedHashMap<>());
        Map<Integer, Status> expected = Map.of(95, Status.CRITICAL, 90, Status.CRITICAL, 75, Status.WARNING, 69, Status.OK);
        expected.forEach((load, status) -> {
            CheckResult judged = CheckJudge.judge(check, "redis", "fake", Observation.of(Map.of("load", load)), scope, 0);
            assertEquals(status, judged.status(), "load " + load);
            assertEquals("load is " + load, judged.summary());
        });
        assertEquals(Status.UNKNOWN, CheckJudge.judge(check, "redis", "fake", Observation.of(Map.of()), scope, 0).status(),
                "a metric the read did not return cannot be judged");
    }

    @Test
    void theWorstJudgedCheckIsTheRunsStatusAndExitCode() {
        for (int load : new int[] {95, 75, 10}) {
            RunResult result = run(fake(load), READS, options(false, false, Set.of()), Interaction.none(WHO));
            Status status = load >= 90 ? Status.CRITICAL : load >= 70 ? Status.WARNING : Status.OK;
            assertEquals(status, result.status(), "load " + load);
            assertEquals(status.exitCode(), result.exitCode());
        }
    }

    @Test
    void aFailedReadAndAHungReadDoNotStopTheOthers() {
        FakeTarget fake = fake(95);
        RunResult result = run(fake, """
                  - id: broken
                    kind: diagnostic
                    title: Broken
                    action: redis.broken
                    checks:
                      - {id: fake.broken, title: Broken, critical: x > 1, summary: "x ${x}"}
                  - id: slow
                    kind: diagnostic
                    title: Slow
                    action: redis.slow
                    timeout: 200ms
                    checks:
                      - {id: fake.slow, title: Slow, warning: y > 1, summary: "y ${y}"}
                """ + READS, options(false, false, Set.of()), Interaction.none(WHO));
        assertEquals(Status.UNKNOWN, step(result, "broken").status());
        assertEquals("the fake broke", step(result, "broken").message());
        assertEquals(Status.UNKNOWN, step(result, "slow").status(), "the fake would answer OK after 10 s: the deadline cut it");
        assertTrue(step(result, "slow").message().startsWith("no answer within 200"), step(result, "slow").message());
        assertEquals(Status.CRITICAL, step(result, "load").status(), "the read after them still ran and was judged");
        assertEquals(List.of("read broken", "read slow", "read load"), fake.calls());
    }

    @Test
    void anUnreachableTargetIsOneCriticalFindingNamingTheCause() {
        RunResult result = run(fake(0).unreachable("connection refused"), READS, options(false, false, Set.of()), Interaction.none(WHO));
        assertEquals(Status.CRITICAL, result.status());
        Finding finding = result.findings().get(0);
        assertEquals("redis.reachable", finding.check());
        assertTrue(finding.summary().contains("connection refused"), finding.summary());
        assertEquals("redis-down", finding.runbook());
    }

    @Test
    void whenBranchesOnAnEarlierStepsStatusAndAnswers() {
        String branches = READS + """
                  - id: ask
                    kind: manual
                    title: Ask
                    text: Look at the dashboard.
                    ask: Is the dashboard red?
                  - id: hot
                    kind: diagnostic
                    title: Hot
                    action: redis.load
                    when: steps.load.status == 'CRITICAL' && answers.ask
                    checks:
                      - {id: fake.hot, title: Hot, warning: load > 1000, summary: "hot ${load}"}
                  - id: calm
                    kind: diagnostic
                    title: Calm
                    action: redis.load
                    when: steps.load.status == 'OK'
                    checks:
                      - {id: fake.calm, title: Calm, warning: load > 1000, summary: "calm ${load}"}
                """;
        RunResult critical = run(fake(95), branches, options(false, false, Set.of()), ScriptedOperator.confirming(WHO));
        assertEquals(Status.OK, step(critical, "hot").status());
        assertEquals(Status.SKIPPED, step(critical, "calm").status());
        assertEquals("condition not met: steps.load.status == 'OK'", step(critical, "calm").message());
        RunResult calm = run(fake(10), branches, options(false, false, Set.of()), ScriptedOperator.confirming(WHO));
        assertEquals(Status.SKIPPED, step(calm, "hot").status());
        assertEquals(Status.OK, step(calm, "calm").status());
    }

    @Test
    void aDryRunPreviewsEveryMitigationAndWritesNothing() {
        FakeTarget fake = fake(95);
        RunResult result = run(fake, READS + MITIGATIONS, options(true, true, Set.of("everything")), ScriptedOperator.confirming(WHO, "flush", "purge"));
        result.mitigations().forEach(m -> assertEquals(MitigationOutcome.Decision.DRY_RUN, m.decision(), m.step()));
        assertEquals(List.of("read load", "preview flush", "preview purge"), fake.calls());
        assertEquals(List.of("FLUSH cache:*", "PURGE *"), events.stream().filter(e -> e instanceof TimelineEvent.MitigationPreviewed)
                .map(e -> ((TimelineEvent.MitigationPreviewed) e).command()).toList());
        assertFalse(events.stream().anyMatch(e -> e instanceof TimelineEvent.ConsentAsked), "a dry run asks nobody");
        assertEquals(ExitCode.CRITICAL, result.exitCode());
    }

    @Test
    void withoutAPersonOrYesNothingIsWritten() {
        FakeTarget fake = fake(95);
        RunResult result = run(fake, READS + MITIGATIONS, options(false, false, Set.of()), Interaction.none(WHO));
        result.mitigations().forEach(m -> assertEquals(MitigationOutcome.Decision.REFUSED, m.decision(), m.step()));
        assertEquals("no terminal to ask and no --yes", result.mitigations().get(0).message());
        assertFalse(fake.calls().stream().anyMatch(c -> c.startsWith("write")), fake.calls().toString());
        assertEquals(ExitCode.REFUSED, result.exitCode());
    }

    @Test
    void yesApprovesLowRiskButHighRiskNeedsItsWord() {
        FakeTarget fake = fake(95);
        RunResult result = run(fake, READS + MITIGATIONS, options(false, true, Set.of()), Interaction.none(WHO));
        assertEquals(MitigationOutcome.Decision.EXECUTED, result.mitigations().get(0).decision());
        assertEquals(MitigationOutcome.Decision.REFUSED, result.mitigations().get(1).decision());
        assertEquals("high risk: --yes needs --confirm everything as well", result.mitigations().get(1).message());
        assertEquals(List.of("read load", "preview flush", "write flush", "preview purge"), fake.calls());

        FakeTarget confirmed = fake(95);
        RunResult both = run(confirmed, READS + MITIGATIONS, options(false, true, Set.of("everything")), Interaction.none(WHO));
        both.mitigations().forEach(m -> assertEquals(MitigationOutcome.Decision.EXECUTED, m.decision(), m.step()));
        assertTrue(confirmed.calls().contains("write purge"), confirmed.calls().toString());
    }

    @Test
    void aPersonConfirmsOneAndDeclinesTheOther() {
        FakeTarget fake = fake(95);
        RunResult result = run(fake, READS + MITIGATIONS, options(false, false, Set.of()), ScriptedOperator.confirming(WHO, "flush"));
        assertEquals(MitigationOutcome.Decision.EXECUTED, result.mitigations().get(0).decision());
        assertEquals(Map.of("removed", 3), result.mitigations().get(0).result());
        assertEquals(MitigationOutcome.Decision.DECLINED, result.mitigations().get(1).decision());
        assertEquals("declined by " + WHO, result.mitigations().get(1).message());
        assertFalse(fake.calls().contains("write purge"));
        assertEquals(ExitCode.REFUSED, result.exitCode(), "a declined mitigation ends the run with exit 4");
    }

    @Test
    void quittingBeforeAMitigationStopsTheRunWithExitRefused() {
        FakeTarget fake = fake(95);
        Interaction quitter = new ScriptedOperator(WHO, step -> step.id().equals("flush") ? Interaction.Directive.QUIT : Interaction.Directive.RUN,
                Set.of("flush", "purge"), true, true, true);
        RunResult result = run(fake, READS + MITIGATIONS, options(false, true, Set.of("everything")), quitter);
        assertTrue(result.aborted());
        assertEquals(List.of(), result.mitigations());
        assertEquals(List.of("read load"), fake.calls());
        assertEquals(ExitCode.REFUSED, result.exitCode());
        assertTrue(events.get(events.size() - 2) instanceof TimelineEvent.RunQuit, events.toString());
    }

    private static StepResult step(RunResult result, String id) {
        return result.steps().stream().filter(s -> s.step().id().equals(id)).findFirst().orElseThrow(() -> new AssertionError("no step " + id));
    }

    private RunResult run(FakeTarget fake, String steps, RunOptions options, Interaction interaction) {
        events.clear();
        LoadedRunbook loaded = runbook(fake, steps);
        try (ConnectorPool pool = new ConnectorPool(fake.registry(), fake.resolved())) {
            return new RunbookRunner(fake.registry(), pool, interaction, events::add).run(loaded, options, null);
        }
    }

    private static RunOptions options(boolean dryRun, boolean yes, Set<String> confirmWords) {
        return new RunOptions(Map.of(), dryRun, yes, confirmWords, Set.of(), Duration.ofSeconds(2), "test");
    }

    private static LoadedRunbook runbook(FakeTarget fake, String steps) {
        String yaml = "id: fake\ntitle: Fake\nseverity: P2\nsummary: A fake incident.\ntargets: [redis]\nsteps:\n" + steps;
        LoadedRunbook loaded = new RunbookLoader().parse("fake.yaml", yaml, false);
        assertEquals(List.of(), new RunbookValidator(fake.registry()).validate(loaded));
        return loaded;
    }

    /** A fake Redis whose load read answers {@code load}; flush and purge (HIGH, word "everything") can be written. */
    private static FakeTarget fake(int load) {
        return new FakeTarget("redis")
                .read("load", args -> Observation.of(Map.of("load", load)))
                .read("broken", args -> {
                    throw new IllegalStateException("the fake broke");
                })
                .read("slow", args -> {
                    Thread.sleep(10_000);
                    return Observation.of(Map.of("y", 0));
                })
                .write("flush", Risk.LOW, Preview.of("FLUSH cache:*", "3 cache keys", 3, null), args -> Observation.of(Map.of("removed", 3)))
                .write("purge", Risk.HIGH, Preview.of("PURGE *", "every key", 42, "everything"), args -> Observation.of(Map.of("purged", 42)));
    }
}
