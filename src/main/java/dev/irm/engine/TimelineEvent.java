package dev.irm.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One happening of a run's timeline, one record type per kind of event. Each knows its name and
 * its {@link Line}, the JSON line it is in a record (CONTRACT.md "Records"); {@link RunRecord}
 * reads lines back into these types. Never holds a secret. A new event type is one record here,
 * one method in {@link Visitor}, one name in {@link RunRecord}'s decoder.
 */
public sealed interface TimelineEvent {

    Instant at();

    /** The {@code event} field of the record line, e.g. {@code step.finished}. */
    default String name() {
        return line().event();
    }

    /** The step it is about, or null for the run itself. */
    default String step() {
        return null;
    }

    /** The title of the step or run it is about, or null. */
    default String title() {
        return null;
    }

    /** The record line: {@code at, event, step, title, status, message, data}. */
    Line line();

    void accept(Visitor visitor);

    /** One line of a record file, as written (empty fields left out). */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"at", "event", "step", "title", "status", "message", "data"})
    record Line(Instant at, String event, String step, String title, String status, String message, Map<String, Object> data) {
        public Line {
            data = data == null ? Map.of() : data;
        }

        Line withMessage(String replaced) {
            return new Line(at, event, step, title, status, replaced, data);
        }
    }

    /** Receives events by type; each method does nothing unless overridden. */
    interface Visitor {
        default void runStarted(RunStarted e) { }

        default void stepStarted(StepStarted e) { }

        default void stepFinished(StepFinished e) { }

        default void stepSkipped(StepSkipped e) { }

        default void manualShown(ManualShown e) { }

        default void manualAnswered(ManualAnswered e) { }

        default void manualAcknowledged(ManualAcknowledged e) { }

        default void mitigationPreviewed(MitigationPreviewed e) { }

        default void consentAsked(ConsentAsked e) { }

        default void consentAnswered(ConsentAnswered e) { }

        default void mitigationStarted(MitigationStarted e) { }

        default void mitigationFinished(MitigationFinished e) { }

        default void note(Note e) { }

        default void runQuit(RunQuit e) { }

        default void runFinished(RunFinished e) { }

        /** A line of a record whose event this irm does not know (another version, a hand-made record). */
        default void foreign(Foreign e) { }
    }

    private static Map<String, Object> data(Object... pairs) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            data.put((String) pairs[i], pairs[i + 1]);
        }
        return data;
    }

    /** {@code run.started}: the runbook, who runs it, with which variables, against which targets. */
    record RunStarted(Instant at, String title, String runbook, String severity, boolean dryRun, String by,
                      Map<String, Object> variables, String context, String summary, List<String> targets,
                      String responseTime) implements TimelineEvent {
        public static final String NAME = "run.started";

        public Line line() {
            return new Line(at, NAME, null, title, null, dryRun ? "dry run" : null,
                    data("runbook", runbook, "severity", severity, "dryRun", dryRun, "by", by, "variables", variables,
                            "context", context, "summary", summary, "targets", targets, "responseTime", responseTime));
        }

        public void accept(Visitor v) {
            v.runStarted(this);
        }
    }

    /** {@code step.started}: a read step begins (the live line). */
    record StepStarted(Instant at, String step, String title, String kind, String action) implements TimelineEvent {
        public static final String NAME = "step.started";

        public Line line() {
            return new Line(at, NAME, step, title, null, null, data("kind", kind, "action", action));
        }

        public void accept(Visitor v) {
            v.stepStarted(this);
        }
    }

    /**
     * {@code step.finished}: a read step's status, what it observed ({@code metrics} null when it
     * observed nothing) and its judged checks.
     */
    record StepFinished(Instant at, String step, String title, Status status, String message, String kind, long durationMs,
                        Map<String, Object> metrics, List<Map<String, Object>> rows, List<CheckResult> checks) implements TimelineEvent {
        public static final String NAME = "step.finished";

        public StepFinished {
            rows = rows == null ? List.of() : rows;
            checks = checks == null ? List.of() : checks;
        }

        public Line line() {
            Map<String, Object> data = data("kind", kind, "durationMs", durationMs);
            if (metrics != null) {
                data.put("metrics", metrics);
                if (!rows.isEmpty()) {
                    data.put("rows", rows);
                }
            }
            data.put("checks", checks);
            return new Line(at, NAME, step, title, status == null ? null : status.name(), message, data);
        }

        public void accept(Visitor v) {
            v.stepFinished(this);
        }
    }

    /** {@code step.skipped}: a condition not met, or the operator's skip ({@code by} set). */
    record StepSkipped(Instant at, String step, String title, String why, String by) implements TimelineEvent {
        public static final String NAME = "step.skipped";

        public Line line() {
            return new Line(at, NAME, step, title, Status.SKIPPED.name(), why, by == null ? Map.of() : data("by", by));
        }

        public void accept(Visitor v) {
            v.stepSkipped(this);
        }
    }

    /** {@code manual.shown}: a manual step's text; with a message template, the prepared message. */
    record ManualShown(Instant at, String step, String title, String text, String template, String messageText) implements TimelineEvent {
        public static final String NAME = "manual.shown";

        public Line line() {
            return new Line(at, NAME, step, title, null, text,
                    template == null ? Map.of() : data("template", template, "messageText", messageText));
        }

        public void accept(Visitor v) {
            v.manualShown(this);
        }
    }

    /** {@code manual.answered}: yes, no, or null when nobody could answer. */
    record ManualAnswered(Instant at, String step, String title, Boolean answer, String by) implements TimelineEvent {
        public static final String NAME = "manual.answered";
        static final String NO_ANSWER = "no answer (no terminal)";

        public Line line() {
            return new Line(at, NAME, step, title, null, answer == null ? NO_ANSWER : answer ? "yes" : "no", data("by", by));
        }

        public void accept(Visitor v) {
            v.manualAnswered(this);
        }
    }

    /** {@code manual.acknowledged}: the operator marked the manual step done, or left it open. */
    record ManualAcknowledged(Instant at, String step, String title, boolean done, String by) implements TimelineEvent {
        public static final String NAME = "manual.acknowledged";

        public Status status() {
            return done ? Status.OK : Status.SKIPPED;
        }

        public Line line() {
            return new Line(at, NAME, step, title, status().name(), done ? "done" : "left open", data("by", by));
        }

        public void accept(Visitor v) {
            v.manualAcknowledged(this);
        }
    }

    /** {@code mitigation.previewed}: the resolved command and its blast radius, before anyone is asked. */
    record MitigationPreviewed(Instant at, String step, String title, String command, String blastRadius, long affected,
                               String risk, List<Map<String, Object>> sample) implements TimelineEvent {
        public static final String NAME = "mitigation.previewed";

        public Line line() {
            return new Line(at, NAME, step, title, null, command,
                    data("blastRadius", blastRadius, "affected", affected, "risk", risk, "sample", sample));
        }

        public void accept(Visitor v) {
            v.mitigationPreviewed(this);
        }
    }

    /** {@code consent.asked}: what the operator is asked ({@code y/N}, or the word to type). */
    record ConsentAsked(Instant at, String step, String title, String prompt, String risk, String of, boolean person,
                        boolean yes) implements TimelineEvent {
        public static final String NAME = "consent.asked";

        public Line line() {
            return new Line(at, NAME, step, title, null, prompt, data("risk", risk, "of", of, "person", person, "yes", yes));
        }

        public void accept(Visitor v) {
            v.consentAsked(this);
        }
    }

    /** {@code consent.answered}: the consent gate's decision, why, and who answered. */
    record ConsentAnswered(Instant at, String step, String title, MitigationOutcome.Decision decision, String reason,
                           String by) implements TimelineEvent {
        public static final String NAME = "consent.answered";

        public Line line() {
            return new Line(at, NAME, step, title, decision == null ? null : decision.name(), reason, data("by", by));
        }

        public void accept(Visitor v) {
            v.consentAnswered(this);
        }
    }

    /** {@code mitigation.started}: recorded and audited before the first write, so a kill part-way leaves a trace. */
    record MitigationStarted(Instant at, String step, String title, String command, String consent) implements TimelineEvent {
        public static final String NAME = "mitigation.started";

        public Line line() {
            return new Line(at, NAME, step, title, null, command, data("by", consent));
        }

        public void accept(Visitor v) {
            v.mitigationStarted(this);
        }
    }

    /**
     * What became of a mitigation, named by its decision: {@code mitigation.executed}, {@code .failed},
     * {@code .dry-run}, {@code .declined}, {@code .refused}, {@code .not-selected}, {@code .skipped}.
     */
    record MitigationFinished(Instant at, String step, String title, MitigationOutcome.Decision decision, String message,
                              Map<String, Object> result) implements TimelineEvent {
        public static final String PREFIX = "mitigation.";

        public MitigationFinished {
            result = result == null ? Map.of() : result;
        }

        public static String nameOf(MitigationOutcome.Decision decision) {
            return PREFIX + decision.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        public Line line() {
            return new Line(at, nameOf(decision), step, title, decision.name(), message, result.isEmpty() ? Map.of() : data("result", result));
        }

        public void accept(Visitor v) {
            v.mitigationFinished(this);
        }
    }

    /** {@code note}: a line the operator added to the timeline (guided mode, key n). */
    record Note(Instant at, String step, String title, String text, String by) implements TimelineEvent {
        public static final String NAME = "note";

        public Line line() {
            return new Line(at, NAME, step, title, null, text, data("by", by));
        }

        public void accept(Visitor v) {
            v.note(this);
        }
    }

    /** {@code run.quit}: the operator stopped the run before this step; the record stays. */
    record RunQuit(Instant at, String step, String title, String by, boolean mitigationsLeft) implements TimelineEvent {
        public static final String NAME = "run.quit";

        public Line line() {
            return new Line(at, NAME, step, title, null, "quit by " + by + " before this step",
                    data("by", by, "mitigationsLeft", mitigationsLeft));
        }

        public void accept(Visitor v) {
            v.runQuit(this);
        }
    }

    /** {@code run.finished}: the run's status and exit code. */
    record RunFinished(Instant at, Status status, int exitCode, long durationMs, int findings) implements TimelineEvent {
        public static final String NAME = "run.finished";

        public Line line() {
            return new Line(at, NAME, null, null, status == null ? null : status.name(), null,
                    data("exitCode", exitCode, "durationMs", durationMs, "findings", findings));
        }

        public void accept(Visitor v) {
            v.runFinished(this);
        }
    }

    /** A line read from a record whose event name this irm does not know; kept as it was. */
    record Foreign(Line line) implements TimelineEvent {
        public Instant at() {
            return line.at();
        }

        public String step() {
            return line.step();
        }

        public String title() {
            return line.title();
        }

        public void accept(Visitor v) {
            v.foreign(this);
        }
    }
}
