package dev.irm.render;

import dev.irm.engine.CheckResult;
import dev.irm.engine.DiagnoseResult;
import dev.irm.engine.Finding;
import dev.irm.engine.Status;
import dev.irm.engine.TargetResult;
import java.util.LinkedHashSet;
import java.util.Set;

/** {@code irm diagnose} for people: per target its checks, then the findings and what to run next. */
public final class DiagnoseText {
    private final Style style;

    public DiagnoseText(Style style) {
        this.style = style;
    }

    public String render(DiagnoseResult result, String context) {
        StringBuilder out = new StringBuilder();
        int idWidth = result.targets().stream().flatMap(t -> t.checks().stream()).mapToInt(c -> c.id().length()).max().orElse(10);
        for (TargetResult target : result.targets()) {
            out.append(style.bold(target.target())).append("  ").append(target.endpoint()).append("  ")
                    .append(style.status(target.status())).append("  ").append(style.faint(target.durationMs() + " ms")).append('\n');
            for (CheckResult check : target.checks()) {
                out.append("  ").append(statusCell(check.status())).append("  ")
                        .append(TextWidth.pad(check.id(), idWidth)).append("  ").append(check.summary());
                if (check.status().isFinding() && check.runbook() != null) {
                    out.append(style.faint("  → " + check.runbook()));
                }
                out.append('\n');
                if (!check.subjects().isEmpty()) {
                    for (Finding f : Finding.allOf(check)) {
                        out.append("    ").append(statusCell(f.severity())).append("  ").append(f.summary()).append('\n');
                    }
                }
            }
        }
        out.append('\n').append(style.status(result.status())).append(": ").append(counts(result.findings()))
                .append(style.faint(" · context " + context + " · " + result.durationMs() + " ms")).append('\n');
        Set<String> next = new LinkedHashSet<>();
        for (Finding f : result.findings()) {
            if (f.runbook() != null) {
                next.add(f.runbook());
            }
        }
        for (String runbook : next) {
            out.append("next: ").append(style.bold("irm run " + runbook)).append('\n');
        }
        return out.toString();
    }

    /**
     * "2 critical, 1 warning, 1 unknown": every state that raises the exit code, the UNKNOWNs always
     * counted; an "and N more" finding counts as the rows it stands for, so 7 bad groups read 7.
     */
    static String counts(java.util.List<Finding> findings) {
        long critical = findings.stream().mapToLong(f -> f.count(Status.CRITICAL)).sum();
        long warning = findings.stream().mapToLong(f -> f.count(Status.WARNING)).sum();
        long unknown = findings.stream().mapToLong(f -> f.count(Status.UNKNOWN)).sum();
        return critical + " critical, " + warning + " warning, " + unknown + " unknown";
    }

    private String statusCell(Status status) {
        return style.status(status) + " ".repeat(Math.max(0, 8 - status.name().length()));
    }
}
