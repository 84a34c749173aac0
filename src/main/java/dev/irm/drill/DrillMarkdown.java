package dev.irm.drill;

import dev.irm.render.IncidentMarkdown;
import dev.irm.render.IncidentReport;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The drill report in Markdown; each run's incident report follows, its headings one level down. */
public final class DrillMarkdown {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private DrillMarkdown() {
    }

    public static String render(DrillReport r, String lang) {
        DrillReport.Drill d = r.drill();
        DrillScore s = r.score();
        StringBuilder md = new StringBuilder();
        md.append("# Drill report: ").append(d.id()).append(d.dryRun() ? " (dry run)" : "").append("\n\n");
        md.append("| item | value |\n|------|-------|\n");
        row(md, "Injected fault", "`" + d.injected() + "` — " + d.title());
        row(md, "Severity", d.severity() + " (respond within " + DrillScoring.minutes(d.responseTimeS()) + ")");
        row(md, "Briefing", d.briefing());
        row(md, "Context", d.context());
        row(md, "Started", TIME.format(d.startedAt()));
        if (d.healedAt() != null) {
            row(md, "Lab healed itself", TIME.format(d.healedAt()) + " (dry drill: after the dry run of the runbook)");
        }
        row(md, "Recovered", d.recoveredAt() == null ? "no" : TIME.format(d.recoveredAt()) + " (" + since(d.startedAt(), d.recoveredAt()) + ")");
        row(md, "Ended", d.endedAt() == null ? "still running" : TIME.format(d.endedAt()) + " (" + d.endedBy() + ")");
        md.append("\n## Score: ").append(s.total()).append(" / 100\n\n| criterion | result | points |\n|-----------|--------|--------|\n");
        for (DrillScore.Point p : s.points()) {
            md.append("| ").append(cell(p.criterion())).append(" | ").append(cell(p.result())).append(" | ")
                    .append(p.points()).append(" / ").append(p.of()).append(" |\n");
        }
        steps(md, "High-risk steps taken that were not needed", s.unneededHighRisk());
        steps(md, "Needed steps skipped", s.neededSkipped());
        md.append("\n## What irm showed\n\n");
        if (r.observed().isEmpty()) {
            md.append("No `irm diagnose` or `irm triage` during the drill.\n");
        } else {
            md.append("| time | command | pointed at |\n|------|---------|------------|\n");
            for (JournalEntry j : r.observed()) {
                md.append("| ").append(CLOCK.format(j.at())).append(" | irm ").append(j.command()).append(" | ")
                        .append(cell(j.pointers().isEmpty() ? "nothing" : String.join(", ",
                                j.pointers().stream().map(p -> p.runbook() + (ofTheDrill(p.runbook(), d) ? " ✓" : "")).distinct().toList())))
                        .append(" |\n");
            }
        }
        md.append("\n## Runs\n\n");
        if (r.runs().isEmpty()) {
            md.append("No `irm run` on context ").append(d.context()).append(" during the drill.\n");
        }
        for (IncidentReport run : r.runs()) {
            md.append(IncidentMarkdown.render(run, lang).replaceAll("(?m)^#", "##")).append('\n');
        }
        return md.toString();
    }

    private static void steps(StringBuilder md, String heading, java.util.List<DrillScore.StepNote> notes) {
        if (notes.isEmpty()) {
            return;
        }
        md.append("\n### ").append(heading).append("\n\n");
        for (DrillScore.StepNote n : notes) {
            md.append("- `").append(n.runbook()).append("` ").append(n.step()).append(" (").append(cell(n.title())).append("): ")
                    .append(cell(n.why())).append(" — `").append(n.record()).append("`\n");
        }
    }

    /** The injected runbook, or the one its findings name. */
    private static boolean ofTheDrill(String runbook, DrillReport.Drill d) {
        return runbook.equals(d.injected()) || runbook.equals(d.foundAs());
    }

    private static String since(Instant from, Instant to) {
        return DrillScoring.minutes(Math.max(0, Duration.between(from, to).toSeconds())) + " after the start";
    }

    private static void row(StringBuilder md, String item, String value) {
        md.append("| ").append(item).append(" | ").append(cell(value)).append(" |\n");
    }

    private static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }
}
