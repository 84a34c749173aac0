package dev.irm.lab;

import java.util.List;

/**
 * The faults the local lab can inject, one per runbook it can really produce. {@code irm lab break/heal}
 * and {@code irm drill} use this and only this, so a lab fault and a drill fault are the same code,
 * and the tests break the lab through it too.
 */
public interface LabFaults {

    /** Every built-in runbook: whether the lab can produce its fault and, when not, why not. */
    List<Scenario> scenarios();

    /** Injects the fault of {@code runbook}; an IrmException (usage) when it is not breakable here. */
    void inject(String runbook);

    /** Undoes the fault of {@code runbook}, or every injected fault when null. Idempotent. */
    void heal(String runbook);

    /**
     * One runbook as the lab sees it. {@code expected} is the severity {@code irm --context lab diagnose all}
     * reports for it once the fault is in (e.g. "CRITICAL"), null when not breakable; {@code foundAs} the runbook
     * its finding names (the scenario's own, unless its check hands the finding to another: app-schedulers is
     * found as unknown-outage), null when not breakable.
     */
    record Scenario(String runbook, boolean breakable, boolean drillable, String expected, String foundAs, String reason) {
    }
}
