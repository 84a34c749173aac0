package dev.irm.engine;

import dev.irm.connector.ActionSpec;
import dev.irm.connector.Args;
import dev.irm.connector.ConnectorRegistry;
import dev.irm.connector.Observation;
import dev.irm.connector.Preview;
import dev.irm.connector.Risk;
import dev.irm.runbook.Expressions;
import dev.irm.runbook.LoadedRunbook;
import dev.irm.runbook.Step;
import dev.irm.runbook.StepKind;
import dev.irm.support.Durations;
import dev.irm.support.Failures;
import dev.irm.support.Workers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

/**
 * {@code irm run}: walks a validated runbook in order. Consecutive unconditional read steps run as
 * one parallel batch (per target in order); conditions, manual steps and mitigations run one at
 * a time. Every mitigation is previewed, then passes the consent gate; dry runs stop at the preview.
 */
public final class RunbookRunner {
    private final ConnectorRegistry registry;
    private final ConnectorPool pool;
    private final Interaction interaction;
    private final TimelineListener timeline;
    /** Step titles with the run's variables filled in ("longer than ${long_query_s} s" → "longer than 5 s"). */
    private final Map<String, String> titles = new java.util.concurrent.ConcurrentHashMap<>();

    public RunbookRunner(ConnectorRegistry registry, ConnectorPool pool, Interaction interaction, TimelineListener timeline) {
        this.registry = registry;
        this.pool = pool;
        this.interaction = interaction;
        this.timeline = timeline;
    }

    public RunResult run(LoadedRunbook loaded, RunOptions options, java.nio.file.Path record) {
        Instant startedAt = Instant.now();
        long started = System.nanoTime();
        String id = loaded.id();
        Map<String, Object> incident = new LinkedHashMap<>();
        incident.put("started_at", startedAt.toString());
        incident.put("severity", loaded.runbook().severity().name());
        incident.put("runbook", id);
        incident.put("title", loaded.runbook().title());
        incident.put("context", options.context());
        incident.put("owner", interaction.who());
        incident.put("time", IncidentClock.TIME.format(startedAt));
        incident.put("now", IncidentClock.TIME.format(startedAt));
        incident.put("elapsed", "0 min");
        incident.put("symptom", loaded.runbook().title());
        incident.put("impact", firstSentence(loaded.runbook().summary()));
        incident.put("action", "diagnosing (irm run " + id + ")");
        Scope scope = new Scope(options.variables(), incident);
        for (Step step : loaded.runbook().steps()) {
            titles.put(step.id(), render(step.title(), scope));
        }
        timeline.on(new TimelineEvent.RunStarted(Instant.now(), loaded.runbook().title(), id, loaded.runbook().severity().name(),
                options.dryRun(), interaction.who(), options.variables(), options.context(), loaded.runbook().summary(),
                loaded.runbook().stepTargets(), loaded.runbook().severity().responseTime().toString()));

        ReadStepRunner reads = new ReadStepRunner(pool, registry, options.stepTimeout());
        List<StepResult> results = new ArrayList<>();
        List<MitigationOutcome> mitigations = new ArrayList<>();
        List<Step> batch = new ArrayList<>();
        boolean aborted = false;
        List<Step> steps = loaded.runbook().steps();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            if (step.kind().readOnly() && step.when() == null && !interaction.stepByStep()) {
                batch.add(step);
                continue;
            }
            results.addAll(runBatch(batch, id, scope, reads));
            batch.clear();
            noteFindings(results, scope);
            if (!conditionHolds(step, scope, results)) {
                continue;
            }
            Interaction.Directive directive = interaction.beforeStep(step);
            if (directive == Interaction.Directive.QUIT) {
                boolean mitigationsLeft = steps.subList(i, steps.size()).stream().anyMatch(s -> s.kind() == StepKind.MITIGATION);
                aborted = mitigationsLeft && !options.dryRun();
                timeline.on(new TimelineEvent.RunQuit(Instant.now(), step.id(), title(step), interaction.who(), mitigationsLeft));
                break;
            }
            if (directive == Interaction.Directive.SKIP) {
                skipByOperator(step, scope, results, mitigations);
                continue;
            }
            switch (step.kind()) {
                case DIAGNOSTIC, VERIFICATION -> results.add(announced(step, () -> reads.run(step, id, scope)));
                case MANUAL -> results.add(manual(step, scope, options));
                case MITIGATION -> mitigations.add(options.diagnosticsOnly()
                        ? finish(step, MitigationOutcome.Decision.NOT_SELECTED, null, "diagnostics only: mitigations never run here", Map.of())
                        : mitigate(step, scope, options));
                default -> throw new IllegalStateException(step.kind().name());
            }
        }
        results.addAll(runBatch(batch, id, scope, reads));
        RunResult result = new RunResult(id, startedAt, ReadStepRunner.millisSince(started), results, mitigations, aborted, record);
        timeline.on(new TimelineEvent.RunFinished(Instant.now(), result.status(), result.exitCode(), result.durationMs(),
                result.findings().size()));
        return result;
    }

    /** A skipped mitigation counts as declined: the person chose not to run it. */
    private void skipByOperator(Step step, Scope scope, List<StepResult> results, List<MitigationOutcome> mitigations) {
        String why = "skipped by " + interaction.who();
        if (step.kind() == StepKind.MITIGATION) {
            mitigations.add(finish(step, MitigationOutcome.Decision.DECLINED, null, why, Map.of()));
            return;
        }
        StepResult skipped = StepResult.skipped(step, why);
        scope.recordStep(skipped);
        results.add(skipped);
        timeline.on(new TimelineEvent.StepSkipped(Instant.now(), step.id(), title(step), why, interaction.who()));
    }

    /** The worst finding so far is the incident's symptom in message templates. */
    private static void noteFindings(List<StepResult> results, Scope scope) {
        List<Finding> findings = DiagnoseResult.findingsOf(results.stream().flatMap(r -> r.checks().stream()).toList());
        if (!findings.isEmpty()) {
            scope.incident("symptom", findings.get(0).summary());
        }
    }

    private static String firstSentence(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        String flat = text.strip().replaceAll("\\s+", " ");
        int end = flat.indexOf(". ");
        return end < 0 ? flat : flat.substring(0, end + 1);
    }

    private boolean conditionHolds(Step step, Scope scope, List<StepResult> results) {
        if (step.when() == null) {
            return true;
        }
        String why;
        try {
            if (Expressions.test(step.when(), scope.forStep())) {
                return true;
            }
            why = "condition not met: " + step.when();
        } catch (IllegalStateException e) {
            why = "condition cannot be evaluated: " + e.getMessage();
        }
        StepResult skipped = StepResult.skipped(step, why);
        scope.recordStep(skipped);
        results.add(skipped);
        timeline.on(new TimelineEvent.StepSkipped(Instant.now(), step.id(), title(step), why, null));
        return false;
    }

    private List<StepResult> runBatch(List<Step> batch, String runbookId, Scope scope, ReadStepRunner reads) {
        if (batch.isEmpty()) {
            return List.of();
        }
        Map<String, List<Step>> byTarget = new LinkedHashMap<>();
        batch.forEach(s -> byTarget.computeIfAbsent(s.target(), t -> new ArrayList<>()).add(s));
        Map<Step, StepResult> done = new java.util.concurrent.ConcurrentHashMap<>();
        List<Future<?>> running = new ArrayList<>();
        for (List<Step> steps : byTarget.values()) {
            running.add(Workers.submit(() -> {
                for (Step s : steps) {
                    done.put(s, announced(s, () -> reads.run(s, runbookId, scope)));
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (Exception e) {
                throw new IllegalStateException("a diagnostic batch failed: " + Failures.describe(e), e);
            }
        }
        return batch.stream().map(done::get).toList();
    }

    private StepResult announced(Step step, java.util.function.Supplier<StepResult> work) {
        timeline.on(new TimelineEvent.StepStarted(Instant.now(), step.id(), title(step), step.kind().yamlName(), step.action()));
        StepResult result = work.get();
        Observation seen = result.observation();
        timeline.on(new TimelineEvent.StepFinished(Instant.now(), step.id(), title(step), result.status(), result.message(),
                step.kind().yamlName(), result.durationMs(), seen == null ? null : seen.metrics(), seen == null ? null : seen.rows(),
                result.checks()));
        return result;
    }

    private StepResult manual(Step step, Scope scope, RunOptions options) {
        IncidentClock.refresh(scope);
        String text = render(step.text(), scope);
        String message = step.template() == null ? null : render(dev.irm.runbook.MessageTemplates.source(step.template(), options.lang()), scope);
        if (message != null) {
            text = text + "\n\n" + message;
        }
        timeline.on(new TimelineEvent.ManualShown(Instant.now(), step.id(), title(step), text, step.template(), message));
        if (step.ask() != null) {
            Boolean answer = interaction.ask(step, render(step.ask(), scope));
            scope.answer(step.id(), answer);
            timeline.on(new TimelineEvent.ManualAnswered(Instant.now(), step.id(), title(step), answer, interaction.who()));
        }
        boolean done = interaction.acknowledge(step, text);
        TimelineEvent.ManualAcknowledged acknowledged = new TimelineEvent.ManualAcknowledged(Instant.now(), step.id(), title(step), done,
                interaction.who());
        timeline.on(acknowledged);
        StepResult result = new StepResult(step, null, acknowledged.status(), null, List.of(), done ? "done" : "open", 0);
        scope.recordStep(result);
        return result;
    }

    private MitigationOutcome mitigate(Step step, Scope scope, RunOptions options) {
        ActionSpec spec = registry.action(step.action()).orElseThrow();
        Risk risk = spec.riskFor(step.risk());
        if (!options.onlySteps().isEmpty() && !options.onlySteps().contains(step.id())) {
            return finish(step, MitigationOutcome.Decision.NOT_SELECTED, null, "not selected with --step", Map.of());
        }
        Args args;
        Preview preview;
        ConnectorPool.Opened opened = pool.open(step.target());
        if (!opened.reachable()) {
            return finish(step, MitigationOutcome.Decision.SKIPPED, null,
                    "cannot preview: " + opened.why(), Map.of());
        }
        Duration timeout = step.timeout() == null ? options.stepTimeout() : Durations.parse(step.timeout());
        try {
            args = ArgumentResolver.resolve(spec, step.with(), scope.forStep());
            Args resolved = args;
            preview = Workers.within(timeout, () -> opened.connector().preview(spec.name(), resolved));
        } catch (Exception e) {
            return finish(step, MitigationOutcome.Decision.SKIPPED, null, "cannot preview: " + Failures.describe(e), Map.of());
        }
        String blast = step.blastRadius() == null ? preview.blastRadius() : render(step.blastRadius(), scope) + " — " + preview.blastRadius();
        Preview shown = new Preview(preview.command(), blast, preview.affected(), preview.sample(), preview.confirmWord());
        timeline.on(new TimelineEvent.MitigationPreviewed(Instant.now(), step.id(), title(step), shown.command(), shown.blastRadius(),
                shown.affected(), risk.yamlName(), shown.sample()));
        if (options.dryRun()) {
            return finish(step, MitigationOutcome.Decision.DRY_RUN, shown, "dry run: not executed", Map.of());
        }
        String word = ConsentGate.typedWord(step, risk, shown);
        timeline.on(new TimelineEvent.ConsentAsked(Instant.now(), step.id(), title(step), word == null ? "y/N" : "type " + word,
                risk.yamlName(), interaction.who(), interaction.canAsk(), options.yes()));
        ConsentGate.Verdict verdict = ConsentGate.decide(step, risk, shown, options, interaction);
        timeline.on(new TimelineEvent.ConsentAnswered(Instant.now(), step.id(), title(step), verdict.decision(), verdict.reason(),
                interaction.who()));
        if (verdict.consent() == null) {
            return finish(step, verdict.decision(), shown, verdict.reason(), Map.of());
        }
        try {
            Args resolved = args;
            scope.incident("action", title(step));
            // recorded (flushed) and audited before the first write, so a kill part-way leaves a trace
            timeline.on(new TimelineEvent.MitigationStarted(Instant.now(), step.id(), title(step), shown.command(), verdict.reason()));
            Observation done = Workers.within(timeout.multipliedBy(6), () -> opened.connector().write(spec.name(), resolved, verdict.consent()));
            return finish(step, MitigationOutcome.Decision.EXECUTED, shown, verdict.reason(), done.metrics());
        } catch (Exception e) {
            return finish(step, MitigationOutcome.Decision.FAILED, shown, Failures.describe(e), Map.of());
        }
    }

    private MitigationOutcome finish(Step step, MitigationOutcome.Decision decision, Preview preview, String message, Map<String, Object> result) {
        timeline.on(new TimelineEvent.MitigationFinished(Instant.now(), step.id(), title(step), decision, message, result));
        return new MitigationOutcome(step.id(), title(step), decision, preview, message, result);
    }

    private String title(Step step) {
        return titles.getOrDefault(step.id(), step.title());
    }

    /** Every reference that can be filled is, the others read ‹unknown› (never the raw template). */
    private static String render(String template, Scope scope) {
        return dev.irm.runbook.LenientTemplate.render(template, scope.forStep());
    }


}
