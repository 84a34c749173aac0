package dev.irm.render;

import dev.irm.engine.CheckResult;
import dev.irm.engine.Finding;
import dev.irm.engine.MitigationOutcome;
import dev.irm.engine.RunResult;
import dev.irm.engine.Status;
import dev.irm.engine.TimelineEvent;
import dev.irm.engine.TimelineListener;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** {@code irm run} for people: each event as it happens, then a summary. */
public final class RunText implements TimelineListener, TimelineEvent.Visitor {
    private final PrintWriter out;
    private final Style style;

    public RunText(PrintWriter out, Style style) {
        this.out = out;
        this.style = style;
    }

    @Override
    public synchronized void on(TimelineEvent e) {
        e.accept(this);
        out.flush();
    }

    @Override
    public void runStarted(TimelineEvent.RunStarted e) {
        String message = e.line().message();
        out.println(style.bold("▶ " + e.title()) + "  " + style.faint(e.severity() + (message == null ? "" : " · " + message)));
    }

    @Override
    public void stepSkipped(TimelineEvent.StepSkipped e) {
        out.println("  " + style.status(Status.SKIPPED) + "  " + e.title() + style.faint("  (" + e.why() + ")"));
    }

    @Override
    public void manualShown(TimelineEvent.ManualShown e) {
        out.println("  " + style.paint("cyan", "☐ MANUAL") + "  " + e.title() + "\n      " + indent(e.text()));
    }

    @Override
    public void manualAnswered(TimelineEvent.ManualAnswered e) {
        out.println("      answer: " + e.line().message());
    }

    @Override
    public void mitigationPreviewed(TimelineEvent.MitigationPreviewed e) {
        out.println("  " + style.paint("bold,yellow", "⚠ MITIGATION") + "  " + e.title() + style.faint("  [risk " + e.risk() + "]"));
        out.println("      command:      " + e.command());
        out.println("      blast radius: " + e.blastRadius());
    }

    @Override
    public void mitigationFinished(TimelineEvent.MitigationFinished e) {
        out.println("      → " + e.decision() + (e.message() == null ? "" : ": " + e.message())
                + (e.result().isEmpty() ? "" : "  " + e.result()));
    }

    @Override
    public void stepFinished(TimelineEvent.StepFinished e) {
        Status status = e.status();
        out.println("  " + style.status(status) + "  " + e.title() + style.faint("  " + e.durationMs() + " ms"));
        for (CheckResult c : e.checks()) {
            out.println("      " + style.status(c.status()) + " " + c.id() + ": " + c.summary()
                    + (c.status().isFinding() && c.runbook() != null ? style.faint("  → " + c.runbook()) : ""));
            if (!c.subjects().isEmpty()) {
                Finding.allOf(c).forEach(f -> out.println("          " + style.status(f.severity()) + " " + f.summary()));
            }
        }
        if (e.message() != null && status != Status.OK) {
            out.println("      " + e.message());
        }
        List<Map<String, Object>> table = e.rows();
        if (!table.isEmpty()) {
            String[] header = table.get(0).keySet().toArray(String[]::new);
            Table t = new Table(header);
            table.stream().limit(20).forEach(r -> t.row(header.length == 0 ? new String[0]
                    : java.util.Arrays.stream(header).map(h -> String.valueOf(r.get(h))).toArray(String[]::new)));
            t.render().lines().forEach(line -> out.println("      " + line));
            if (table.size() > 20) {
                out.println("      … " + (table.size() - 20) + " more");
            }
        }
    }

    private static String indent(String text) {
        return text == null ? "" : text.replace("\n", "\n      ");
    }

    public void summary(RunResult result) {
        out.println();
        out.println(style.status(result.status()) + ": " + DiagnoseText.counts(result.findings())
                + style.faint(" · " + result.durationMs() + " ms"));
        for (MitigationOutcome m : result.mitigations()) {
            if (m.decision().blocked()) {
                out.println(style.paint("yellow", "not executed: ") + m.step() + " (" + m.message() + ")");
            }
        }
        if (result.record() != null) {
            out.println(style.faint("record: " + result.record()));
        }
        out.flush();
    }
}
