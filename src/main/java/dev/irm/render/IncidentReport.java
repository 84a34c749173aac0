package dev.irm.render;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.irm.engine.CheckResult;
import dev.irm.engine.MitigationOutcome;
import dev.irm.engine.Status;
import dev.irm.engine.TimelineEvent;
import dev.irm.engine.TimelineEvent.ConsentAnswered;
import dev.irm.engine.TimelineEvent.ConsentAsked;
import dev.irm.engine.TimelineEvent.ManualAcknowledged;
import dev.irm.engine.TimelineEvent.ManualAnswered;
import dev.irm.engine.TimelineEvent.ManualShown;
import dev.irm.engine.TimelineEvent.MitigationFinished;
import dev.irm.engine.TimelineEvent.MitigationPreviewed;
import dev.irm.engine.TimelineEvent.MitigationStarted;
import dev.irm.engine.TimelineEvent.Note;
import dev.irm.engine.TimelineEvent.RunFinished;
import dev.irm.engine.TimelineEvent.RunQuit;
import dev.irm.engine.TimelineEvent.RunStarted;
import dev.irm.engine.TimelineEvent.StepFinished;
import dev.irm.engine.TimelineEvent.StepSkipped;
import dev.irm.engine.TimelineEvent.StepStarted;
import dev.irm.support.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The incident report of seed 001 §8, built from a run's record: summary table, detection,
 * affected services, timeline, actions and open items. A record cut short (a crash, SIGKILL, a
 * quit) still makes a report: what is missing is said so.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IncidentReport(String irm, String command, String record, Summary summary, Detection detection,
                             List<Service> affectedServices, List<Entry> timeline, List<Action> actions,
                             List<String> openItems, List<String> notes, List<String> messages) {

    /** §8.1 summary table. */
    public record Summary(String runbook, String title, String severity, String responseTime, Instant startedAt,
                          Instant endedAt, long durationMinutes, String status, Integer exitCode, String outcome,
                          String impact, String owner, String context) {
    }

    /** §8.2 detection. */
    public record Detection(Instant detectedAt, String path, String detectedBy, String firstFinding) {
    }

    /** §8.3 one affected service (target) with its findings. */
    public record Service(String target, String status, List<String> findings) {
    }

    /** §8.5 one timeline row. */
    public record Entry(Instant at, String event, String step, String what, String result, String by) {
    }

    /** What was done, or not, about each mitigation. */
    public record Action(Instant at, String step, String title, String command, String blastRadius, String decision,
                         String by, String message) {
    }

    public static IncidentReport of(String recordName, List<TimelineEvent> events) {
        Builder b = new Builder();
        events.forEach(e -> {
            b.last = e.at();
            e.accept(b);
        });
        return b.build(recordName);
    }

    private static final class Builder implements TimelineEvent.Visitor {
        private RunStarted started;
        private RunFinished finished;
        private RunQuit quit;
        private Instant last;
        private final List<Entry> timeline = new ArrayList<>();
        private final Map<String, Action> actions = new LinkedHashMap<>();
        private final Map<String, Map<String, String>> findings = new LinkedHashMap<>();
        private final Map<String, Status> worst = new LinkedHashMap<>();
        private final List<String> open = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private final List<String> messages = new ArrayList<>();
        private final Map<String, String> consentBy = new LinkedHashMap<>();
        private final Set<String> targets = new LinkedHashSet<>();
        private final Map<String, String> openSteps = new LinkedHashMap<>();
        private String firstFinding;
        private Instant firstFindingAt;

        private void entry(TimelineEvent e, String what, String result, String by) {
            timeline.add(new Entry(e.at(), e.name(), e.step(), what, result, by));
        }

        @Override
        public void runStarted(RunStarted e) {
            started = e;
            targets.addAll(e.targets());
            timeline.add(new Entry(e.at(), e.name(), null, "started: " + e.title(), e.line().message(), e.by()));
        }

        @Override
        public void stepStarted(StepStarted e) {
            openSteps.put(e.step(), e.title());
        }

        @Override
        public void stepFinished(StepFinished e) {
            openSteps.remove(e.step());
            List<String> checks = new ArrayList<>();
            for (CheckResult c : e.checks()) {
                String target = c.target() == null ? "?" : c.target();
                checks.add(c.id() + " " + c.status());
                if (c.status().isFinding()) {
                    targets.add(target);
                    String finding = c.status() + " " + c.id() + ": " + c.summary();
                    findings.computeIfAbsent(target, k -> new LinkedHashMap<>()).put(c.id(), finding);
                    if (firstFinding == null) {
                        firstFinding = finding;
                        firstFindingAt = e.at();
                    }
                }
                worst.merge(target, c.status(), Status::max);
            }
            entry(e, e.title(), e.status() + (checks.isEmpty() ? "" : " (" + String.join(", ", checks) + ")"), null);
        }

        @Override
        public void stepSkipped(StepSkipped e) {
            entry(e, e.title(), "SKIPPED: " + e.why(), e.by());
        }

        @Override
        public void manualShown(ManualShown e) {
            if (e.messageText() != null) {
                messages.add(e.messageText().strip());
            }
            entry(e, e.title(), e.template() != null ? "message: " + e.template() : "shown", null);
        }

        @Override
        public void manualAnswered(ManualAnswered e) {
            entry(e, e.title(), "answer: " + e.line().message(), e.by());
            if (e.answer() == null) {
                open.add("Question unanswered: " + e.title());
            }
        }

        @Override
        public void manualAcknowledged(ManualAcknowledged e) {
            entry(e, e.title(), e.line().message(), e.by());
            if (!e.done()) {
                open.add("Manual step left open: " + e.title());
            }
        }

        @Override
        public void mitigationPreviewed(MitigationPreviewed e) {
            actions.put(e.step(), new Action(e.at(), e.step(), e.title(), e.command(), e.blastRadius(), "PREVIEWED", null, null));
            entry(e, e.title(), "preview: " + e.command() + " — " + e.blastRadius(), null);
        }

        @Override
        public void mitigationStarted(MitigationStarted e) {
            Action previewed = actions.get(e.step());
            actions.put(e.step(), new Action(e.at(), e.step(), e.title(), previewed == null ? e.command() : previewed.command(),
                    previewed == null ? null : previewed.blastRadius(), "INTERRUPTED", consentBy.get(e.step()),
                    "started, no outcome recorded: the run was cut short while it was writing; check the target's state"));
            entry(e, e.title(), "started: " + e.command(), consentBy.get(e.step()));
        }

        @Override
        public void consentAsked(ConsentAsked e) {
            entry(e, e.title(), "asked: " + e.prompt(), null);
        }

        @Override
        public void consentAnswered(ConsentAnswered e) {
            consentBy.put(e.step(), e.by());
            entry(e, e.title(), e.decision() + ": " + e.reason(), e.by());
        }

        @Override
        public void note(Note e) {
            notes.add(e.at() + " " + e.by() + ": " + e.text());
            entry(e, "note", e.text(), e.by());
        }

        @Override
        public void runQuit(RunQuit e) {
            quit = e;
            entry(e, "quit before: " + e.title(), e.line().message(), e.by());
        }

        @Override
        public void runFinished(RunFinished e) {
            finished = e;
            entry(e, "finished", e.status() == null ? null : e.status().name(), null);
        }

        /** Who decided: who answered the consent gate, else (a mitigation skipped in guided mode) the run's operator. */
        private String decidedBy(MitigationFinished e) {
            String by = consentBy.get(e.step());
            if (by == null && e.decision() == MitigationOutcome.Decision.DECLINED && started != null) {
                return started.by();
            }
            return by;
        }

        @Override
        public void mitigationFinished(MitigationFinished e) {
            Action previewed = actions.get(e.step());
            String decision = e.decision().name();
            String by = decidedBy(e);
            String message = e.message();
            actions.put(e.step(), new Action(e.at(), e.step(), e.title(), previewed == null ? null : previewed.command(),
                    previewed == null ? null : previewed.blastRadius(), decision, by, message));
            entry(e, e.title(), decision + (message == null ? "" : ": " + message) + (e.result().isEmpty() ? "" : " " + Json.line(e.result())), by);
            if (e.decision() != MitigationOutcome.Decision.EXECUTED && e.decision() != MitigationOutcome.Decision.DRY_RUN
                    && e.decision() != MitigationOutcome.Decision.NOT_SELECTED) {
                open.add("Mitigation not executed (" + decision + "): " + e.title() + (message == null ? "" : " — " + message));
            }
            if (e.decision() == MitigationOutcome.Decision.DRY_RUN) {
                open.add("Dry run: " + e.title() + " was only previewed");
            }
        }

        @Override
        public void foreign(TimelineEvent.Foreign e) {
            Object by = e.line().data().get("by");
            entry(e, e.line().title(), e.line().message(), by == null ? null : String.valueOf(by));
        }

        IncidentReport build(String recordName) {
            Instant startAt = started == null ? (timeline.isEmpty() ? null : timeline.get(0).at()) : started.at();
            Instant endAt = finished != null ? finished.at() : last;
            String outcome;
            actions.values().stream().filter(a -> a.decision().equals("INTERRUPTED"))
                    .forEach(a -> open.add("Mitigation interrupted while running (started, never finished): " + a.title()
                            + " — check what it changed"));
            if (finished == null) {
                outcome = "record ends without run.finished: the run was interrupted (crash or kill)";
                openSteps.values().forEach(t -> open.add("Step interrupted while running: " + t));
                open.add("The run did not finish: rerun the runbook to see the current state");
            } else if (quit != null) {
                outcome = "quit by the operator before '" + quit.title() + "'";
                open.add("Run quit before: " + quit.title());
            } else {
                outcome = "finished";
            }
            if (firstFinding == null) {
                firstFinding = "no finding";
            }
            List<Service> services = new ArrayList<>();
            for (String t : targets) {
                Status w = worst.get(t);
                services.add(new Service(t, w == null ? "not checked" : w.name(), List.copyOf(findings.getOrDefault(t, Map.of()).values())));
            }
            open.add("Root cause: to be written");
            open.add("Prevention, detection and response improvements (owner, due date): to be agreed in the retrospective");
            RunStarted sd = started;
            Summary summary = new Summary(sd == null ? null : sd.runbook(), sd == null ? null : sd.title(),
                    sd == null ? null : sd.severity(), sd == null ? null : sd.responseTime(), startAt, endAt,
                    startAt == null || endAt == null ? 0 : Duration.between(startAt, endAt).toMinutes(),
                    finished == null ? "UNKNOWN" : finished.status() == null ? null : finished.status().name(),
                    finished == null ? null : finished.exitCode(),
                    outcome, sd == null ? null : flat(sd.summary()), sd == null ? null : sd.by(),
                    sd == null ? null : sd.context());
            Detection detection = new Detection(firstFindingAt != null ? firstFindingAt : startAt,
                    "irm run " + (summary.runbook() == null ? "" : summary.runbook()), summary.owner(), firstFinding);
            return new IncidentReport("1", "report", recordName, summary, detection, services, timeline,
                    List.copyOf(actions.values()), open, notes, messages);
        }

        private static String flat(String s) {
            return s == null ? null : s.strip().replaceAll("\\s+", " ");
        }
    }
}
