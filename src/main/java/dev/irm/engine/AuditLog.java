package dev.irm.engine;

import dev.irm.connector.Secrets;
import dev.irm.support.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The append-only audit log ({@code $XDG_STATE_HOME/irm/audit.log}, JSON Lines): for every
 * mitigation that ran, a STARTED line synced before its first write, then its outcome (EXECUTED
 * or FAILED) — who, when, what, result — across all runs. A STARTED line without an outcome is a
 * mitigation cut short (kill, crash). Each line is one synced append of a whole line.
 */
public final class AuditLog implements TimelineListener, TimelineEvent.Visitor {
    private final Path file;
    private final String runbook;
    private final Path record;
    private final Map<String, Object> previews = new HashMap<>();
    private final Map<String, String> consents = new HashMap<>();

    public AuditLog(Path file, String runbook, Path record) {
        this.file = file;
        this.runbook = runbook;
        this.record = record;
    }

    /** Beside the records: {@code $XDG_STATE_HOME/irm/audit.log}. */
    public static Path defaultFile(Map<String, String> env) {
        return RecordWriter.defaultDir(env).getParent().resolve("audit.log");
    }

    @Override
    public synchronized void on(TimelineEvent e) {
        e.accept(this);
    }

    @Override
    public void mitigationPreviewed(TimelineEvent.MitigationPreviewed e) {
        previews.put(e.step(), e.command());
    }

    @Override
    public void consentAnswered(TimelineEvent.ConsentAnswered e) {
        consents.put(e.step(), String.valueOf(e.by()));
    }

    @Override
    public void mitigationStarted(TimelineEvent.MitigationStarted e) {
        append(e.at(), e.step(), e.title(), "STARTED", e.command(), null);
    }

    @Override
    public void mitigationFinished(TimelineEvent.MitigationFinished e) {
        if (e.decision() == MitigationOutcome.Decision.EXECUTED || e.decision() == MitigationOutcome.Decision.FAILED) {
            append(e.at(), e.step(), e.title(), e.decision().name(), e.message(), e.result().isEmpty() ? null : e.result());
        }
    }

    private void append(java.time.Instant at, String step, String title, String outcome, String message, Object result) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("at", at.toString());
        line.put("runbook", runbook);
        line.put("step", step);
        line.put("title", title);
        line.put("command", previews.get(step));
        line.put("by", consents.get(step));
        line.put("outcome", outcome);
        line.put("message", Secrets.redactUrl(message));
        line.put("result", result);
        line.put("record", record == null ? null : record.toString());
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, Json.line(line) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE, StandardOpenOption.SYNC);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot append to the audit log " + file + ": " + ex.getMessage(), ex);
        }
    }
}
