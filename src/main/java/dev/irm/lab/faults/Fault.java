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

    Map<String, String> inject(LabAccess lab) throws Exception;

    void heal(LabAccess lab, Map<String, String> remembered) throws Exception;
}
