package dev.irm.render;

import dev.irm.runbook.Check;
import dev.irm.runbook.LoadedRunbook;
import dev.irm.runbook.Runbook;
import dev.irm.runbook.Step;
import dev.irm.runbook.StepKind;
import dev.irm.runbook.Variable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code irm show}: a runbook as text, Markdown or JSON. */
public final class RunbookDocument {
    private RunbookDocument() {
    }

    /** JSON view of a runbook (an output record, not the YAML model). */
    public record RunbookJson(String id, String title, String severity, String responseTime, String summary,
                              List<String> tags, List<String> symptoms, List<String> targets,
                              Map<String, Variable> variables, List<StepJson> steps, String source) {
    }

    /** JSON view of a step. */
    public record StepJson(String id, String kind, String title, String description, String action,
                           Map<String, Object> with, String when, List<Check> checks, String risk,
                           String blastRadius, String text, String ask) {
    }

    public static RunbookJson json(LoadedRunbook loaded) {
        Runbook r = loaded.runbook();
        List<StepJson> steps = r.steps().stream().map(s -> new StepJson(s.id(), s.kind().yamlName(), s.title(),
                s.description(), s.action(), s.with(), s.when(), s.checks(),
                s.kind() == StepKind.MITIGATION ? s.riskOrDefault().yamlName() : null, s.blastRadius(), s.text(), s.ask())).toList();
        return new RunbookJson(r.id(), r.title(), r.severity().name(), r.severity().responseTime().toString(), r.summary(),
                r.tags(), r.symptoms(), r.targets(), new LinkedHashMap<>(r.variables()), steps, loaded.file());
    }

    public static String markdown(LoadedRunbook loaded) {
        Runbook r = loaded.runbook();
        StringBuilder md = new StringBuilder();
        md.append("# ").append(r.title()).append(" (`").append(r.id()).append("`)\n\n");
        md.append("**Severity** ").append(r.severity()).append(" — respond within ")
                .append(r.severity().responseTime().toMinutes()).append(" min · **Targets** ").append(String.join(", ", r.targets())).append("\n\n");
        if (r.summary() != null) {
            md.append(r.summary().strip()).append("\n\n");
        }
        if (!r.symptoms().isEmpty()) {
            md.append("## Symptoms\n\n");
            r.symptoms().forEach(s -> md.append("- `").append(s).append("`\n"));
            md.append('\n');
        }
        if (!r.variables().isEmpty()) {
            md.append("## Variables\n\n| name | default | description |\n| --- | --- | --- |\n");
            r.variables().forEach((n, v) -> md.append("| `").append(n).append("` | `").append(v.defaultValue() == null ? "" : v.defaultValue())
                    .append("` | ").append(v.description() == null ? "" : v.description()).append(" |\n"));
            md.append('\n');
        }
        md.append("## Steps\n\n");
        int n = 1;
        for (Step s : r.steps()) {
            md.append(n++).append(". **").append(s.title()).append("** — ").append(s.kind().yamlName());
            if (s.action() != null) {
                md.append(" `").append(s.action()).append("`");
            }
            if (s.kind() == StepKind.MITIGATION) {
                md.append(" (risk ").append(s.riskOrDefault().yamlName()).append(")");
            }
            md.append('\n');
            if (s.when() != null) {
                md.append("   - when `").append(s.when()).append("`\n");
            }
            if (s.description() != null) {
                md.append("   - ").append(s.description().strip().replace("\n", " ")).append('\n');
            }
            if (s.text() != null) {
                md.append("   - ").append(s.text().strip().replace("\n", "\n     ")).append('\n');
            }
            for (Check c : s.checks()) {
                md.append("   - check `").append(c.id()).append("`: ").append(c.title());
                if (c.critical() != null) {
                    md.append(" · CRITICAL if `").append(c.critical()).append('`');
                }
                if (c.warning() != null) {
                    md.append(" · WARNING if `").append(c.warning()).append('`');
                }
                md.append('\n');
            }
        }
        return md.toString();
    }

    public static String text(LoadedRunbook loaded, Style style) {
        Runbook r = loaded.runbook();
        StringBuilder out = new StringBuilder();
        out.append(style.bold(r.title())).append("  ").append(r.id()).append("  ").append(r.severity())
                .append(style.faint(" (respond ≤ " + r.severity().responseTime().toMinutes() + " min)")).append('\n');
        if (r.summary() != null) {
            out.append(r.summary().strip()).append('\n');
        }
        if (!r.symptoms().isEmpty()) {
            out.append('\n').append(style.bold("Symptoms")).append('\n');
            r.symptoms().forEach(s -> out.append("  - ").append(s).append('\n'));
        }
        if (!r.variables().isEmpty()) {
            out.append('\n').append(style.bold("Variables")).append(style.faint(" (--set NAME=VALUE)")).append('\n');
            Table t = new Table("NAME", "DEFAULT", "DESCRIPTION");
            r.variables().forEach((n, v) -> t.row(n, v.defaultValue(), v.description()));
            t.render().lines().forEach(l -> out.append("  ").append(l).append('\n'));
        }
        out.append('\n').append(style.bold("Steps")).append('\n');
        int n = 1;
        for (Step s : r.steps()) {
            out.append(String.format("%2d. ", n++)).append(TextWidth.pad("[" + s.kind().yamlName() + "]", 15)).append(s.title());
            if (s.action() != null) {
                out.append(style.faint("  " + s.action()));
            }
            if (s.kind() == StepKind.MITIGATION) {
                out.append(style.paint("yellow", "  risk " + s.riskOrDefault().yamlName()));
            }
            out.append('\n');
            if (s.when() != null) {
                out.append("      when ").append(s.when()).append('\n');
            }
            for (Check c : s.checks()) {
                out.append("      check ").append(c.id()).append(": ").append(c.title()).append('\n');
            }
            if (s.text() != null) {
                out.append("      ").append(s.text().strip().replace("\n", "\n      ")).append('\n');
            }
        }
        return out.toString();
    }
}
