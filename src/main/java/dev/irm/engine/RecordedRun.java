package dev.irm.engine;

import dev.irm.connector.ConnectorRegistry;
import dev.irm.connector.TargetSettings;
import dev.irm.runbook.LoadedRunbook;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * One {@code irm run} with its trail: the record file (created first), the audit log beside it and
 * the connections. Every event goes to the record, then the audit log, then the live screen.
 */
public final class RecordedRun implements AutoCloseable {
    private final LoadedRunbook loaded;
    private final ConnectorRegistry registry;
    private final RecordWriter record;
    private final AuditLog audit;
    private final ConnectorPool pool;

    private RecordedRun(LoadedRunbook loaded, ConnectorRegistry registry, Map<String, TargetSettings> connections, Map<String, String> env) {
        this.loaded = loaded;
        this.registry = registry;
        this.record = RecordWriter.create(RecordWriter.defaultDir(env), loaded.id(), Instant.now());
        this.audit = new AuditLog(AuditLog.defaultFile(env), loaded.id(), record.file());
        this.pool = new ConnectorPool(registry, connections);
    }

    /** Records under {@code $XDG_STATE_HOME/irm} (else {@code ~/.local/state/irm}) of {@code env}. */
    public static RecordedRun open(ConnectorRegistry registry, Map<String, TargetSettings> connections, LoadedRunbook loaded,
                                   Map<String, String> env) {
        return new RecordedRun(loaded, registry, connections, env);
    }

    public Path file() {
        return record.file();
    }

    /** The record and the audit log, without the live screen: where the operator's notes go. */
    public TimelineListener trail() {
        return event -> {
            record.on(event);
            audit.on(event);
        };
    }

    /** Runs the runbook; {@code live} (the screen, or null) sees each event after it is recorded. */
    public RunResult run(RunOptions options, Interaction interaction, TimelineListener live) {
        TimelineListener trail = trail();
        TimelineListener timeline = live == null ? trail : event -> {
            trail.on(event);
            live.on(event);
        };
        return new RunbookRunner(registry, pool, interaction, timeline).run(loaded, options, record.file());
    }

    @Override
    public void close() {
        try {
            pool.close();
        } finally {
            record.close();
        }
    }
}
