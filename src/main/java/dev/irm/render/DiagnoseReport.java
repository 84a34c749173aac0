package dev.irm.render;

import dev.irm.engine.CheckResult;
import dev.irm.engine.DiagnoseResult;
import dev.irm.engine.Finding;
import dev.irm.engine.Status;
import dev.irm.engine.TargetResult;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON of {@code irm diagnose -o json} (CONTRACT.md), built from engine results. */
public record DiagnoseReport(String irm, String command, String context, Instant startedAt, long durationMs,
                             String status, List<TargetJson> targets, List<FindingJson> findings) {

    public static final String SCHEMA_VERSION = "1";

    public static DiagnoseReport of(String command, String context, DiagnoseResult result) {
        return new DiagnoseReport(SCHEMA_VERSION, command, context, result.startedAt(), result.durationMs(),
                result.status().name(), result.targets().stream().map(TargetJson::of).toList(),
                result.findings().stream().map(FindingJson::of).toList());
    }

    /** One target's block. */
    public record TargetJson(String target, String endpoint, String status, long durationMs, List<CheckJson> checks) {
        static TargetJson of(TargetResult t) {
            return new TargetJson(t.target(), t.endpoint(), t.status().name(), t.durationMs(),
                    t.checks().stream().map(CheckJson::of).toList());
        }
    }

    /** One check. */
    public record CheckJson(String id, String title, String status, String summary, Map<String, Object> metrics,
                            String runbook, long durationMs) {
        public static CheckJson of(CheckResult c) {
            return new CheckJson(c.id(), c.title(), c.status().name(), c.summary(), c.metrics(), c.runbook(), c.durationMs());
        }
    }

    /**
     * One finding; {@code subject} names the row of a per-row check (e.g. the consumer group), else absent;
     * {@code more} only on an "and N more" finding: the rows it stands for, by severity.
     */
    public record FindingJson(String target, String check, String severity, String summary, String runbook, String subject,
                              Map<String, Long> more) {
        public static FindingJson of(Finding f) {
            Map<String, Long> more = null;
            if (f.more() != null) {
                more = new LinkedHashMap<>();
                for (Map.Entry<Status, Long> e : f.more().entrySet()) {
                    more.put(e.getKey().name(), e.getValue());
                }
            }
            return new FindingJson(f.target(), f.check(), f.severity().name(), f.summary(), f.runbook(), f.subject(), more);
        }
    }
}
