package dev.irm.render;

import dev.irm.runbook.Triage;
import java.util.List;

/** {@code irm triage -o json}: the ranking and the command that starts the best runbook. */
public record TriageReport(String irm, String command, String text, String best, String start, List<Ranked> matches) {

    /** One ranked runbook. */
    public record Ranked(int rank, String runbook, String severity, double score, String matched, String title) {
    }

    public static TriageReport of(String text, List<Triage.Match> matches) {
        List<Ranked> ranked = new java.util.ArrayList<>();
        for (int i = 0; i < matches.size(); i++) {
            Triage.Match m = matches.get(i);
            ranked.add(new Ranked(i + 1, m.id(), m.runbook().runbook().severity().name(), Math.round(m.score() * 100) / 100.0,
                    m.matched(), m.runbook().runbook().title()));
        }
        String best = matches.isEmpty() ? null : matches.get(0).id();
        return new TriageReport("1", "triage", text, best, best == null ? null : "irm run " + best, ranked);
    }
}
