package dev.irm.engine;

import dev.irm.connector.ConnectorRegistry;
import dev.irm.connector.Observation;
import dev.irm.runbook.Check;
import dev.irm.runbook.LoadedRunbook;
import dev.irm.runbook.RunbookCatalog;
import dev.irm.runbook.Step;
import dev.irm.support.Failures;
import dev.irm.support.Workers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * {@code irm diagnose}: every unconditional diagnostic step of every runbook, grouped by target.
 * Targets run in parallel; within a target steps run in order on one connection, and a step
 * repeated by several runbooks (same action and arguments) runs once.
 */
public final class Diagnoser {
    private final ConnectorRegistry registry;
    private final RunbookCatalog catalog;
    /** Per runbook id, the variables its steps are judged with: checked once, before any target is asked. */
    private final Map<String, Map<String, Object>> variables = new LinkedHashMap<>();
    private final Duration stepTimeout;

    public Diagnoser(ConnectorRegistry registry, RunbookCatalog catalog, Map<String, Object> contextVariables, Duration stepTimeout) {
        this.registry = registry;
        this.catalog = catalog;
        catalog.all().forEach(loaded -> variables.put(loaded.id(), RunVariables.defaults(loaded, contextVariables)));
        this.stepTimeout = stepTimeout;
    }

    public DiagnoseResult diagnose(List<String> targets, ConnectorPool pool, Duration deadline) {
        Instant startedAt = Instant.now();
        long started = System.nanoTime();
        Map<String, Future<TargetResult>> running = new LinkedHashMap<>();
        for (String target : targets) {
            running.put(target, Workers.submit(() -> diagnoseTarget(target, pool)));
        }
        long deadlineAt = started + deadline.toNanos();
        List<TargetResult> results = new ArrayList<>();
        for (Map.Entry<String, Future<TargetResult>> e : running.entrySet()) {
            results.add(await(e.getKey(), e.getValue(), pool, deadlineAt, deadline));
        }
        return new DiagnoseResult(startedAt, ReadStepRunner.millisSince(started), results);
    }

    private TargetResult await(String target, Future<TargetResult> future, ConnectorPool pool, long deadlineAt, Duration deadline) {
        try {
            return future.get(Math.max(0, deadlineAt - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (Exception e) {
            future.cancel(true);
            String why = e instanceof java.util.concurrent.TimeoutException
                    ? "not finished within the command deadline of " + deadline.toMillis() + " ms" : Failures.describe(e);
            CheckResult unknown = new CheckResult(target, target + ".diagnose", "Diagnostics finished", Status.UNKNOWN, why, Map.of(), null, deadline.toMillis());
            return new TargetResult(target, pool.describe(target), Status.UNKNOWN, deadline.toMillis(), List.of(unknown));
        }
    }

    private TargetResult diagnoseTarget(String target, ConnectorPool pool) {
        long started = System.nanoTime();
        ConnectorPool.Opened opened = pool.open(target);
        long connectMs = ReadStepRunner.millisSince(started);
        if (!opened.reachable()) {
            CheckResult absent = Reachability.absent(registry, pool, opened, connectMs);
            return new TargetResult(target, pool.describe(target), absent.status(), connectMs, List.of(absent));
        }
        List<CheckResult> checks = new ArrayList<>();
        checks.add(Reachability.reachable(target, opened.connector().endpoint(), connectMs));
        ReadStepRunner runner = new ReadStepRunner(pool, registry, stepTimeout);
        List<Planned> plan = plan(target);
        plan.forEach(p -> runner.expect(p.step(), p.scope()));
        Map<String, StepResult> done = new LinkedHashMap<>();
        for (Planned p : plan) {
            String key = p.step().action() + p.step().with();
            StepResult earlier = done.get(key);
            if (earlier == null) {
                StepResult result = runner.run(p.step(), p.runbookId(), p.scope());
                done.put(key, result);
                checks.addAll(result.checks());
            } else {
                checks.addAll(rejudge(p.step(), p.runbookId(), earlier, p.scope()));
            }
        }
        Status status = Status.worst(checks.stream().map(CheckResult::status).toList());
        return new TargetResult(target, opened.connector().endpoint(), status, ReadStepRunner.millisSince(started), checks);
    }

    /** A diagnostic step of the target, in the catalog's order, with its runbook's scope. */
    private record Planned(Step step, String runbookId, Scope scope) {
    }

    private List<Planned> plan(String target) {
        List<Planned> plan = new ArrayList<>();
        for (LoadedRunbook loaded : catalog.all()) {
            Scope scope = new Scope(variables.get(loaded.id()), Map.of());
            for (Step step : loaded.runbook().steps()) {
                if (inDiagnose(step, scope) && target.equals(step.target()) && !step.checks().isEmpty()) {
                    plan.add(new Planned(step, loaded.id(), scope));
                }
            }
        }
        return plan;
    }

    /**
     * Unconditional diagnostic steps, plus conditional ones whose {@code when} holds on the variables
     * alone (e.g. {@code platform != 'k8s'}); a condition on earlier steps cannot hold here.
     */
    static boolean inDiagnose(Step step, Scope scope) {
        if (step.when() == null || step.kind() != dev.irm.runbook.StepKind.DIAGNOSTIC || Boolean.FALSE.equals(step.diagnose())) {
            return step.partOfDiagnose();
        }
        try {
            return dev.irm.runbook.Expressions.test(step.when(), scope.forStep());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private List<CheckResult> rejudge(Step step, String runbookId, StepResult earlier, Scope scope) {
        List<CheckResult> out = new ArrayList<>();
        Observation observation = earlier.observation();
        for (Check check : step.checks()) {
            out.add(observation == null
                    ? CheckJudge.unknown(check, step.target(), runbookId, earlier.message(), earlier.durationMs())
                    : CheckJudge.judge(check, step.target(), runbookId, observation, scope, earlier.durationMs()));
        }
        return out;
    }

    /** The targets that have at least one diagnostic step in the catalog. */
    /** A diagnostic step with a {@code when} on variables, e.g. {@code platform != 'k8s'} (the process target has only such). */
    private static boolean conditionalDiagnostic(Step s) {
        return s.kind() == dev.irm.runbook.StepKind.DIAGNOSTIC && s.when() != null && !Boolean.FALSE.equals(s.diagnose())
                && !s.checks().isEmpty() && !s.when().contains("steps.") && !s.when().contains("answers.");
    }

    public static List<String> targetsWithDiagnostics(RunbookCatalog catalog, ConnectorRegistry registry) {
        List<String> out = new ArrayList<>();
        for (String target : registry.targets()) {
            boolean any = catalog.all().stream().flatMap(r -> r.runbook().steps().stream())
                    .anyMatch(s -> target.equals(s.target()) && (s.partOfDiagnose() || conditionalDiagnostic(s)));
            if (any) {
                out.add(target);
            }
        }
        return out;
    }
}
