package dev.irm.render;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** The incident report of seed 001 §8 in Markdown, headings in English or Korean. */
public final class IncidentMarkdown {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final Map<String, List<String>> LABELS = Map.ofEntries(
            Map.entry("report", List.of("Incident report", "장애 보고서")),
            Map.entry("summary", List.of("1. Summary", "1. 장애 요약")),
            Map.entry("detection", List.of("2. Detection", "2. 장애 탐지")),
            Map.entry("services", List.of("3. Affected services", "3. 영향받은 서비스")),
            Map.entry("timeline", List.of("4. Timeline", "4. 타임라인")),
            Map.entry("actions", List.of("5. Actions", "5. 조치")),
            Map.entry("open", List.of("6. Open items", "6. 추가 조치 필요 사항")),
            Map.entry("notes", List.of("Notes", "메모")),
            Map.entry("messages", List.of("Messages prepared", "준비된 전파 메시지")));

    private IncidentMarkdown() {
    }

    public static String render(IncidentReport r, String lang) {
        int l = "ko".equals(lang) ? 1 : 0;
        IncidentReport.Summary s = r.summary();
        StringBuilder md = new StringBuilder();
        md.append("# ").append(LABELS.get("report").get(l)).append(": ").append(nz(s.title())).append("\n\n");
        md.append("## ").append(LABELS.get("summary").get(l)).append("\n\n| item | value |\n|------|-------|\n");
        row(md, "Severity", nz(s.severity()) + (s.responseTime() == null ? "" : " (respond within " + s.responseTime().replace("PT", "").toLowerCase() + ")"));
        row(md, "Runbook", "`" + nz(s.runbook()) + "`");
        row(md, "Started", s.startedAt() == null ? "" : TIME.format(s.startedAt()));
        row(md, "Ended", s.endedAt() == null ? "" : TIME.format(s.endedAt()));
        row(md, "Duration", s.durationMinutes() + " min");
        row(md, "Status", nz(s.status()) + (s.exitCode() == null ? "" : " (exit " + s.exitCode() + ")"));
        row(md, "Outcome", s.outcome());
        row(md, "Impact", nz(s.impact()));
        row(md, "Owner", nz(s.owner()));
        row(md, "Context", nz(s.context()));
        row(md, "Record", "`" + r.record() + "`");
        md.append("\n## ").append(LABELS.get("detection").get(l)).append("\n\n| item | value |\n|------|-------|\n");
        row(md, "Detected at", r.detection().detectedAt() == null ? "" : TIME.format(r.detection().detectedAt()));
        row(md, "Path", r.detection().path());
        row(md, "Detected by", nz(r.detection().detectedBy()));
        row(md, "First finding", r.detection().firstFinding());
        md.append("\n## ").append(LABELS.get("services").get(l)).append("\n\n");
        for (IncidentReport.Service svc : r.affectedServices()) {
            md.append("- **").append(svc.target()).append("**: ").append(svc.status()).append('\n');
            svc.findings().forEach(f -> md.append("  - ").append(cell(f)).append('\n'));
        }
        md.append("\n## ").append(LABELS.get("timeline").get(l)).append("\n\n| time | event | step | result | by |\n|------|-------|------|--------|----|\n");
        for (IncidentReport.Entry e : r.timeline()) {
            md.append("| ").append(CLOCK.format(e.at())).append(" | ").append(e.event()).append(" | ").append(cell(e.what()))
                    .append(" | ").append(cell(e.result())).append(" | ").append(cell(e.by())).append(" |\n");
        }
        md.append("\n## ").append(LABELS.get("actions").get(l)).append("\n\n");
        if (r.actions().isEmpty()) {
            md.append("No mitigation was reached.\n");
        } else {
            md.append("| time | action | command | blast radius | decision | by |\n|------|--------|---------|--------------|----------|----|\n");
            for (IncidentReport.Action a : r.actions()) {
                md.append("| ").append(CLOCK.format(a.at())).append(" | ").append(cell(a.title())).append(" | ").append(a.command() == null ? "" : "`" + cell(a.command()) + "`")
                        .append(" | ").append(cell(a.blastRadius())).append(" | ").append(a.decision()).append(" | ").append(cell(a.by())).append(" |\n");
            }
        }
        md.append("\n## ").append(LABELS.get("open").get(l)).append("\n\n");
        r.openItems().forEach(o -> md.append("- [ ] ").append(o).append('\n'));
        if (!r.messages().isEmpty()) {
            md.append("\n## ").append(LABELS.get("messages").get(l)).append("\n\n");
            r.messages().forEach(m -> md.append("```\n").append(m).append("\n```\n"));
        }
        if (!r.notes().isEmpty()) {
            md.append("\n## ").append(LABELS.get("notes").get(l)).append("\n\n");
            r.notes().forEach(n -> md.append("- ").append(n).append('\n'));
        }
        return md.toString();
    }

    private static void row(StringBuilder md, String item, String value) {
        md.append("| ").append(item).append(" | ").append(cell(value)).append(" |\n");
    }

    private static String cell(String s) {
        return s == null ? "" : s.strip().replace("|", "\\|").replace("\n", "<br>");
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
