package dev.irm.lab.faults;

import java.util.Map;

/**
 * The fault of one runbook. {@link #inject} returns what {@link #heal} needs to undo it (kept in the lab's
 * state folder between commands); heal also works with nothing remembered, and twice.
 */
public interface Fault {
    String runbook();

    /** The severity {@code irm --context lab diagnose all} reports for the runbook once the fault is in. */
    String expected();

    /** How the fault is made, one line (shown by {@code irm lab break --list -o json} and revealed by drills). */
    String how();

    /** The runbook the finding names: the fault's own, unless its check hands the finding to another runbook. */
    default String foundAs() {
        return runbook();
    }

    /** Said beside a breakable scenario in the list: why the finding names another runbook; null when it names this one. */
    default String note() {
        return foundAs().equals(runbook()) ? null : "found as " + foundAs() + ": " + runbook() + "'s check hands the finding to it";
    }

    /** Why a drill of this fault could not be ended by the responder in the lab; null when it can (the usual case). */
    default String notDrillable() {
        return null;
    }

    Map<String, String> inject(LabAccess lab) throws Exception;

    void heal(LabAccess lab, Map<String, String> remembered) throws Exception;
}
