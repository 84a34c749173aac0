package dev.irm.serve;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.irm.engine.CheckResult;
import dev.irm.render.DiagnoseReport;
import java.time.Instant;
import java.util.List;

/**
 * What {@code irm serve} made of one firing alert: the runbook it chose and how, the status and
 * findings of its diagnostics, the record written, and notes (labels left out, names that led
 * nowhere). This is what the sinks receive and {@code GET /alerts/recent} lists.
 */
public record Diagnosis(String fingerprint, String alertname, String runbook, String matchedBy, String status,
                        Instant receivedAt, Instant startedAt, long durationMs, List<DiagnoseReport.FindingJson> findings,
                        List<String> notes, String record, String error, @JsonIgnore List<CheckResult> checks) {

    public Diagnosis {
        findings = findings == null ? List.of() : List.copyOf(findings);
        notes = notes == null ? List.of() : List.copyOf(notes);
        checks = checks == null ? List.of() : List.copyOf(checks);
    }
}
