package dev.irm.drill;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.time.Instant;

/**
 * One drill as {@code drill.json} holds it. The injected runbook is kept here and only revealed by
 * {@code irm drill report}; {@code expected} is the severity its fault shows at (the page's level);
 * {@code foundAs} the runbook its findings name (the injected one, unless its check hands them to another; null
 * in a drill.json from before it was kept). {@code healedAt} is when a dry drill healed the lab itself;
 * {@code recoveredAt} the first of the healthy checks that ended it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DrillState(String irm, String id, String runbook, String expected, String foundAs, String title, String severity,
                         long responseTimeS, boolean dryRun, String context, Instant startedAt, String briefing, Long watcherPid,
                         Instant healedAt, Instant recoveredAt, Instant endedAt, String endedBy) {

    public static final String RECOVERED = "recovered";
    public static final String STOPPED = "stopped";
    public static final String LAB_DOWN = "lab down";
    public static final String TIMED_OUT = "timed out";

    public boolean active() {
        return endedAt == null;
    }

    /** The runbook the fault's findings name: {@code foundAs}, or the runbook when a drill.json from before it has none. */
    public String findingRunbook() {
        return foundAs == null ? runbook : foundAs;
    }

    /** Whether {@code id} (null: no) is the drill's runbook or the one its findings name: a pointer to, or a run of, either counts. */
    public boolean names(String id) {
        return runbook.equals(id) || findingRunbook().equals(id);
    }

    public Duration responseTime() {
        return Duration.ofSeconds(responseTimeS);
    }

    public DrillState withWatcher(long pid) {
        return new DrillState(irm, id, runbook, expected, foundAs, title, severity, responseTimeS, dryRun, context, startedAt, briefing,
                pid, healedAt, recoveredAt, endedAt, endedBy);
    }

    public DrillState healed(Instant at) {
        return new DrillState(irm, id, runbook, expected, foundAs, title, severity, responseTimeS, dryRun, context, startedAt, briefing,
                watcherPid, at, recoveredAt, endedAt, endedBy);
    }

    public DrillState recovered(Instant healthySince, Instant confirmedAt) {
        return new DrillState(irm, id, runbook, expected, foundAs, title, severity, responseTimeS, dryRun, context, startedAt, briefing,
                watcherPid, healedAt, healthySince, confirmedAt, RECOVERED);
    }

    public DrillState ended(Instant at, String by) {
        return new DrillState(irm, id, runbook, expected, foundAs, title, severity, responseTimeS, dryRun, context, startedAt, briefing,
                watcherPid, healedAt, recoveredAt, at, by);
    }
}
