package dev.irm.serve;

import dev.irm.connector.ConnectorRegistry;
import dev.irm.connector.TargetSettings;
import dev.irm.engine.ConnectorPool;
import dev.irm.engine.Interaction;
import dev.irm.engine.RecordWriter;
import dev.irm.engine.RunOptions;
import dev.irm.engine.RunResult;
import dev.irm.engine.RunVariables;
import dev.irm.engine.RunbookRunner;
import dev.irm.engine.Status;
import dev.irm.render.DiagnoseReport;
import dev.irm.runbook.LoadedRunbook;
import dev.irm.support.Failures;
import dev.irm.support.IrmException;
import dev.irm.support.Workers;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Runs the diagnostics of the runbook an alert was routed to, in the engine's diagnostics-only
 * mode (no mitigation is reached, no consent can be given), under the whole-command deadline,
 * writing the same JSONL record as {@code irm run}.
 */
public final class AlertDiagnoser {
    public static final String WHO = "irm serve";
    private final ConnectorRegistry registry;
    private final Function<List<String>, Map<String, TargetSettings>> connections;
    private final Map<String, Object> contextVariables;
    private final String context;
    private final Duration deadline;
    private final Duration stepTimeout;
    private final Path recordsDir;
    private final AtomicLong sequence = new AtomicLong();

    public AlertDiagnoser(ConnectorRegistry registry, Function<List<String>, Map<String, TargetSettings>> connections,
                          Map<String, Object> contextVariables, String context, Duration deadline, Duration stepTimeout, Path recordsDir) {
        this.registry = registry;
        this.connections = connections;
        this.contextVariables = contextVariables;
        this.context = context;
        this.deadline = deadline;
        this.stepTimeout = stepTimeout;
        this.recordsDir = recordsDir;
    }

    Diagnosis diagnose(Alert alert, RunbookRouter.Route route, Instant receivedAt) {
        Instant startedAt = Instant.now();
        long started = System.nanoTime();
        LoadedRunbook loaded = route.runbook();
        List<String> notes = new ArrayList<>(route.notes());
        AlertVariables.Chosen chosen = AlertVariables.of(loaded.runbook(), alert.labels());
        notes.addAll(chosen.skipped());
        try {
            Map<String, Object> variables = RunVariables.resolve(loaded, contextVariables, chosen.sets());
            List<String> targets = loaded.runbook().stepTargets();
            String recordName = loaded.id() + "-alert" + sequence.incrementAndGet();
            try (RecordWriter record = RecordWriter.create(recordsDir, recordName, startedAt);
                 ConnectorPool pool = new ConnectorPool(registry, connections.apply(targets))) {
                RunResult result = Workers.within(deadline, () -> new RunbookRunner(registry, pool, Interaction.none(WHO), record)
                        .run(loaded, RunOptions.diagnosticsOnly(variables, stepTimeout, context), record.file()));
                return new Diagnosis(alert.fingerprint(), alert.name(), loaded.id(), route.matchedBy(), result.status().name(),
                        receivedAt, startedAt, millisSince(started), result.findings().stream().map(DiagnoseReport.FindingJson::of).toList(),
                        notes, record.file().toString(), null, result.checks());
            }
        } catch (Workers.DeadlineExceededException e) {
            return failed(alert, route, receivedAt, startedAt, started, notes, "deadline of " + deadline.toMillis() + " ms exceeded");
        } catch (IrmException e) {
            return failed(alert, route, receivedAt, startedAt, started, notes, e.getMessage());
        } catch (Exception e) {
            return failed(alert, route, receivedAt, startedAt, started, notes, Failures.describe(e));
        }
    }

    private static Diagnosis failed(Alert alert, RunbookRouter.Route route, Instant receivedAt, Instant startedAt, long started,
                                    List<String> notes, String error) {
        return new Diagnosis(alert.fingerprint(), alert.name(), route.runbook().id(), route.matchedBy(), Status.UNKNOWN.name(),
                receivedAt, startedAt, millisSince(started), List.of(), notes, null, error, List.of());
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
