package dev.irm.drill;

import dev.irm.runbook.Severity;

/**
 * What the pager says when a drill starts: the severity and what users feel, never the fault or its
 * runbook, and where to start (the same irm commands as on a real night).
 */
public final class Briefing {
    private Briefing() {
    }

    public static String page(Severity severity) {
        String felt = switch (severity) {
            case P0 -> "the whole service looks down: users cannot queue, reserve or pay";
            case P1 -> "a core feature is failing for users (payment, reservation or login)";
            case P2 -> "part of the service is degraded: delays or slowness for some users";
            case P3 -> "a minor problem was reported";
        };
        return "PAGE " + severity.name() + ": " + felt + ". Respond within " + DrillScoring.minutes(severity.responseTime().toSeconds()) + ".";
    }
}
