package dev.irm.render;

import dev.irm.engine.CheckResult;
import dev.irm.engine.DiagnoseResult;
import dev.irm.engine.Status;
import dev.irm.engine.TargetResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code irm diagnose -o prometheus}: gauges in the text exposition format, for the node-exporter
 * textfile collector or a Pushgateway. A status is a number: the Nagios exit code of the status
 * (OK 0, WARNING 1, CRITICAL 2, UNKNOWN 3) and -1 for SKIPPED; durations are in seconds.
 */
public final class DiagnosePrometheus implements Renderer<DiagnoseResult> {
    public static final String STATUS_MAPPING = "OK=0 WARNING=1 CRITICAL=2 UNKNOWN=3 SKIPPED=-1";

    @Override
    public String render(DiagnoseResult result, RenderContext context) {
        Exposition out = new Exposition();
        checks(out, result.targets().stream().flatMap(t -> t.checks().stream()).toList());
        out.family("irm_target_status", "gauge", "Worst status of one target's checks (" + STATUS_MAPPING + ").");
        for (TargetResult t : result.targets()) {
            out.sample("irm_target_status", Map.of("target", t.target()), value(t.status()));
        }
        out.family("irm_target_duration_seconds", "gauge", "Time one target's checks took, in seconds.");
        for (TargetResult t : result.targets()) {
            out.sample("irm_target_duration_seconds", Map.of("target", t.target()), seconds(t.durationMs()));
        }
        Map<String, String> ctx = Map.of("context", context.context() == null ? "" : context.context());
        out.family("irm_diagnose_status", "gauge", "Overall status of irm diagnose, its exit code (" + STATUS_MAPPING + ").");
        out.sample("irm_diagnose_status", ctx, value(result.status()));
        out.family("irm_diagnose_duration_seconds", "gauge", "Time the whole irm diagnose took, in seconds.");
        out.sample("irm_diagnose_duration_seconds", ctx, seconds(result.durationMs()));
        out.family("irm_diagnose_timestamp_seconds", "gauge", "When irm diagnose started, in seconds since the epoch.");
        out.sample("irm_diagnose_timestamp_seconds", ctx, result.startedAt().toEpochMilli() / 1000.0);
        return out.text();
    }

    /** The per-check families: {@code irm_check_status} and {@code irm_check_duration_seconds}, one series per check. */
    public static void checks(Exposition out, List<CheckResult> checks) {
        Map<String, CheckResult> unique = new LinkedHashMap<>();
        checks.forEach(c -> unique.putIfAbsent(c.target() + "\u0000" + c.id(), c));
        out.family("irm_check_status", "gauge", "Status of one irm check (" + STATUS_MAPPING + "); severity is its name.");
        for (CheckResult c : unique.values()) {
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("target", c.target());
            labels.put("check", c.id());
            labels.put("runbook", c.runbook() == null ? "" : c.runbook());
            labels.put("severity", c.status().name());
            out.sample("irm_check_status", labels, value(c.status()));
        }
        out.family("irm_check_duration_seconds", "gauge", "Time one irm check took, in seconds.");
        for (CheckResult c : unique.values()) {
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("target", c.target());
            labels.put("check", c.id());
            out.sample("irm_check_duration_seconds", labels, seconds(c.durationMs()));
        }
    }

    /** The documented number of a status; SKIPPED is -1 so that "> 0" means a finding. */
    public static int value(Status status) {
        return status == Status.SKIPPED ? -1 : status.exitCode();
    }

    private static double seconds(long millis) {
        return millis / 1000.0;
    }
}
