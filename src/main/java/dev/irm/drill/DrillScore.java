package dev.irm.drill;

import java.util.List;

/**
 * How a drill went. Times are seconds from the drill's start; null when it never happened.
 * {@code points} explains {@code total} (out of 100) one criterion a line.
 */
public record DrillScore(Long identifiedAfterS, String identifiedBy, boolean runbookRun, String runbookRecord,
                         Long recoveredAfterS, long responseTimeS, Boolean recoveredInTime, boolean simulatedRecovery,
                         List<StepNote> unneededHighRisk, List<StepNote> neededSkipped, List<Point> points, int total) {

    /** A step of a run, and why the score names it. */
    public record StepNote(String record, String runbook, String step, String title, String why) {
    }

    /** One criterion: what happened and the points it earned of those it could. */
    public record Point(String criterion, String result, int points, int of) {
    }
}
