package dev.irm.serve;

import dev.irm.render.DiagnoseReport;
import dev.irm.support.Json;
import java.net.URI;
import java.util.Map;

/** Where a diagnosis is posted. Its URL may be a secret (a Slack webhook URL is): only its name is ever logged. */
public sealed interface Sink {
    String name();

    URI url();

    /** The JSON body of the POST. */
    String body(Diagnosis diagnosis);

    /** The diagnosis as JSON, as {@code GET /alerts/recent} shows it. */
    record Webhook(String name, URI url) implements Sink {
        @Override
        public String body(Diagnosis diagnosis) {
            return Json.line(diagnosis);
        }
    }

    /** A Slack-compatible incoming-webhook message: {@code {"text": ...}} in Slack's mrkdwn, escaped. */
    record Slack(String name, URI url) implements Sink {
        @Override
        public String body(Diagnosis d) {
            StringBuilder text = new StringBuilder();
            text.append('*').append(escape(d.status())).append("* ").append(escape(d.alertname()))
                    .append(" → runbook `").append(escape(d.runbook())).append("` (diagnostics only, matched by ")
                    .append(escape(d.matchedBy())).append(")");
            for (DiagnoseReport.FindingJson f : d.findings()) {
                text.append("\n• ").append(escape(f.severity())).append(' ').append(escape(f.check())).append(": ")
                        .append(escape(f.summary()));
                if (f.runbook() != null) {
                    text.append(" → `irm run ").append(escape(f.runbook())).append('`');
                }
            }
            if (d.findings().isEmpty() && d.error() == null) {
                text.append("\nno finding at WARNING or above");
            }
            if (d.error() != null) {
                text.append("\ncould not diagnose: ").append(escape(d.error()));
            }
            return Json.line(Map.of("text", text.toString()));
        }

        /** Slack's three control characters; the rest is plain text. */
        static String escape(String s) {
            return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        }
    }
}
