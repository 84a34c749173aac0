package dev.irm.drill;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.irm.engine.RunRecord;
import dev.irm.render.IncidentReport;
import java.time.Instant;
import java.util.List;

/**
 * {@code irm drill report}: the drill with its fault revealed (and the runbook its findings name), the score,
 * what irm showed on the lab (diagnose on its context, every triage) during the drill, and the
 * incident report of every run during the drill (the same as {@code irm report} makes of each record).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DrillReport(String irm, String command, Drill drill, DrillScore score, List<JournalEntry> observed,
                          List<IncidentReport> runs) {

    /** The drill as it was set up, and how it ended ({@code state}: running or ended). */
    public record Drill(String id, String injected, String foundAs, String title, String severity, long responseTimeS,
                        boolean dryRun, String context, String briefing, Instant startedAt, Instant healedAt, Instant recoveredAt,
                        Instant endedAt, String endedBy, String state) {
    }

    public static DrillReport of(DrillState s, List<JournalEntry> journal, List<RunRecord> runs) {
        Drill drill = new Drill(s.id(), s.runbook(), s.findingRunbook(), s.title(), s.severity(), s.responseTimeS(), s.dryRun(),
                s.context(), s.briefing(), s.startedAt(), s.healedAt(), s.recoveredAt(), s.endedAt(), s.endedBy(),
                s.active() ? "running" : "ended");
        List<JournalEntry> observed = journal.stream().filter(j -> !j.at().isBefore(s.startedAt())
                && (s.endedAt() == null || !j.at().isAfter(s.endedAt()))
                && (j.command().equals("triage") || s.context().equals(j.context()))).toList();
        List<IncidentReport> reports = runs.stream().map(r -> IncidentReport.of(r.name(), r.events())).toList();
        return new DrillReport("1", "drill report", drill, DrillScoring.score(s, observed, runs), observed, reports);
    }
}
