package dev.irm.engine;

import dev.irm.connector.ActionSpec;
import dev.irm.connector.Args;
import dev.irm.connector.ConnectorRegistry;
import dev.irm.connector.Observation;
import dev.irm.runbook.Check;
import dev.irm.runbook.Expressions;
import dev.irm.runbook.Step;
import dev.irm.support.Durations;
import dev.irm.support.Failures;
import dev.irm.support.Workers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs one diagnostic or verification step: only the connector's read path is reachable from here. */
final class ReadStepRunner {
    private final ConnectorPool pool;
    private final ConnectorRegistry registry;
    private final Duration defaultTimeout;

    ReadStepRunner(ConnectorPool pool, ConnectorRegistry registry, Duration defaultTimeout) {
        this.pool = pool;
        this.registry = registry;
        this.defaultTimeout = defaultTimeout;
    }

    StepResult run(Step step, String runbookId, Scope scope) {
        String target = step.target();
        long started = System.nanoTime();
        ActionSpec spec = registry.action(step.action()).orElseThrow();
        ConnectorPool.Opened opened = pool.open(target);
        if (!opened.reachable()) {
            CheckResult absent = Reachability.absent(registry, pool, opened, millisSince(started));
            StepResult result = new StepResult(step, target, absent.status(), null, List.of(absent), absent.summary(), millisSince(started));
            scope.recordStep(result);
            return result;
        }
        Observation observation;
        try {
            Args args = ArgumentResolver.resolve(spec, step.with(), scope.forStep());
            Duration timeout = step.timeout() == null ? defaultTimeout : Durations.parse(step.timeout());
            observation = Workers.withinPeerTime(timeout, () -> opened.connector().read(spec.name(), args));
        } catch (Exception e) {
            String why = Failures.describe(e);
            long took = millisSince(started);
            List<CheckResult> checks = new ArrayList<>();
            for (Check check : step.checks()) {
                checks.add(CheckJudge.unknown(check, target, runbookId, why, took));
            }
            StepResult result = new StepResult(step, target, Status.UNKNOWN, null, checks, why, took);
            scope.recordStep(result);
            return result;
        }
        long took = millisSince(started);
        List<CheckResult> checks = new ArrayList<>();
        for (Check check : step.checks()) {
            checks.add(CheckJudge.judge(check, target, runbookId, observation, scope, took));
        }
        String message = null;
        for (Map.Entry<String, String> capture : step.capture().entrySet()) {
            try {
                scope.capture(capture.getKey(), Expressions.evaluate(capture.getValue(), scope.forCheck(observation)));
            } catch (IllegalStateException e) {
                message = "capture " + capture.getKey() + ": " + e.getMessage();
            }
        }
        Status status = checks.isEmpty() ? (message == null ? Status.OK : Status.UNKNOWN)
                : Status.worst(checks.stream().map(CheckResult::status).toList());
        StepResult result = new StepResult(step, target, status, observation, checks, message, took);
        scope.recordStep(result);
        return result;
    }

    /** Tells the step's connector, if open, of the read to come ({@link dev.irm.connector.Connector#expect}). */
    void expect(Step step, Scope scope) {
        ConnectorPool.Opened opened = pool.open(step.target());
        ActionSpec spec = registry.action(step.action()).orElse(null);
        if (!opened.reachable() || spec == null) {
            return;
        }
        try {
            opened.connector().expect(spec.name(), ArgumentResolver.resolve(spec, step.with(), scope.forStep()));
        } catch (RuntimeException e) {
            // the step itself resolves its arguments again and reports what is wrong
        }
    }

    static long millisSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
