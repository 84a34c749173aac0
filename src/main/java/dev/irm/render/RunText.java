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
public final class RunText implements TimelineListener {
    private final PrintWriter out;
    private final Style style;

    public RunText(PrintWriter out, Style style) {
        this.out = out;
        this.style = style;
    }

    @Override
    public synchronized void on(TimelineEvent e) {
        switch (e.event()) {
            case "run.started" -> out.println(style.bold("▶ " + e.title()) + "  " + style.faint(e.data().get("severity")
                    + (e.message() == null ? "" : " · " + e.message())));
            case "step.finished" -> stepFinished(e);
            case "step.skipped" -> out.println("  " + style.status(Status.SKIPPED) + "  " + e.title() + style.faint("  (" + e.message() + ")"));
            case "manual.shown" -> out.println("  " + style.paint("cyan", "☐ MANUAL") + "  " + e.title() + "\n      " + indent(e.message()));
            case "manual.answered" -> out.println("      answer: " + e.message());
            case "mitigation.previewed" -> {
                out.println("  " + style.paint("bold,yellow", "⚠ MITIGATION") + "  " + e.title()
                        + style.faint("  [risk " + e.data().get("risk") + "]"));
                out.println("      command:      " + e.message());
                out.println("      blast radius: " + e.data().get("blastRadius"));
            }
            case "run.finished", "mitigation.started" -> { }
            default -> {
                if (e.event().startsWith("mitigation.")) {
                    out.println("      → " + e.status() + (e.message() == null ? "" : ": " + e.message())
                            + (e.data().containsKey("result") ? "  " + e.data().get("result") : ""));
                }
            }
        }
        out.flush();
    }

    @SuppressWarnings("unchecked")
    private void stepFinished(TimelineEvent e) {
        Status status = Status.valueOf(e.status());
        out.println("  " + style.status(status) + "  " + e.title() + style.faint("  " + e.data().get("durationMs") + " ms"));
        Object checks = e.data().get("checks");
        if (checks instanceof List<?> list) {
            for (Object o : list) {
                CheckResult c = (CheckResult) o;
                out.println("      " + style.status(c.status()) + " " + c.id() + ": " + c.summary()
                        + (c.status().isFinding() && c.runbook() != null ? style.faint("  → " + c.runbook()) : ""));
                if (!c.subjects().isEmpty()) {
                    Finding.allOf(c).forEach(f -> out.println("          " + style.status(f.severity()) + " " + f.summary()));
                }
            }
        }
        if (e.message() != null && status != Status.OK) {
            out.println("      " + e.message());
        }
        Object rows = e.data().get("rows");
        if (rows instanceof List<?> list && !list.isEmpty()) {
            List<Map<String, Object>> table = (List<Map<String, Object>>) rows;
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
