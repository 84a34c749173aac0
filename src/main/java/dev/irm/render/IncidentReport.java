package dev.irm.render;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.engine.Status;
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

    public static IncidentReport of(String recordName, List<JsonNode> events) {
        Builder b = new Builder();
        events.forEach(b::add);
        return b.build(recordName);
    }

    private static final class Builder {
        private JsonNode started;
        private JsonNode finished;
        private JsonNode quit;
        private Instant last;
        private final List<Entry> timeline = new ArrayList<>();
        private final Map<String, Action> actions = new LinkedHashMap<>();
        private final Map<String, Map<String, String>> findings = new LinkedHashMap<>();
        private final Map<String, String> worst = new LinkedHashMap<>();
        private final List<String> open = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private final List<String> messages = new ArrayList<>();
        private final Map<String, String> consentBy = new LinkedHashMap<>();
        private final Set<String> targets = new LinkedHashSet<>();
        private final Map<String, String> openSteps = new LinkedHashMap<>();
        private String firstFinding;
        private Instant firstFindingAt;

        void add(JsonNode e) {
            String event = text(e, "event");
            Instant at = Instant.parse(e.path("at").asText());
            last = at;
            String step = text(e, "step");
            String title = text(e, "title");
            String status = text(e, "status");
            String message = text(e, "message");
            JsonNode data = e.path("data");
            String by = text(data, "by");
            switch (event) {
                case "run.started" -> {
                    started = e;
                    data.path("targets").forEach(t -> targets.add(t.asText()));
                    timeline.add(new Entry(at, event, null, "started: " + title, message, by));
                }
                case "step.started" -> openSteps.put(step, title);
                case "step.finished" -> {
                    openSteps.remove(step);
                    List<String> checks = new ArrayList<>();
                    for (JsonNode c : data.path("checks")) {
                        String cs = c.path("status").asText();
                        checks.add(c.path("id").asText() + " " + cs);
                        if (Status.parse(cs) == null || Status.parse(cs).isFinding()) {
                            String target = c.path("target").asText("?");
                            targets.add(target);
                            findings.computeIfAbsent(target, k -> new LinkedHashMap<>())
                                    .put(c.path("id").asText(), cs + " " + c.path("id").asText() + ": " + c.path("summary").asText());
                            worst.merge(target, cs, Builder::worse);
                            if (firstFinding == null) {
                                firstFinding = cs + " " + c.path("id").asText() + ": " + c.path("summary").asText();
                                firstFindingAt = at;
                            }
                        } else {
                            worst.merge(c.path("target").asText("?"), cs, Builder::worse);
                        }
                    }
                    timeline.add(new Entry(at, event, step, title, status + (checks.isEmpty() ? "" : " (" + String.join(", ", checks) + ")"), null));
                }
                case "step.skipped" -> timeline.add(new Entry(at, event, step, title, "SKIPPED: " + message, by));
                case "manual.shown" -> {
                    if (data.has("messageText")) {
                        messages.add(data.path("messageText").asText().strip());
                    }
                    timeline.add(new Entry(at, event, step, title, data.has("template") ? "message: " + text(data, "template") : "shown", null));
                }
                case "manual.answered" -> {
                    timeline.add(new Entry(at, event, step, title, "answer: " + message, by));
                    if (message != null && message.startsWith("no answer")) {
                        open.add("Question unanswered: " + title);
                    }
                }
                case "manual.acknowledged" -> {
                    timeline.add(new Entry(at, event, step, title, message, by));
                    if (!"OK".equals(status)) {
                        open.add("Manual step left open: " + title);
                    }
                }
                case "mitigation.previewed" -> {
                    actions.put(step, new Action(at, step, title, message, text(data, "blastRadius"), "PREVIEWED", null, null));
                    timeline.add(new Entry(at, event, step, title, "preview: " + message + " — " + text(data, "blastRadius"), null));
                }
                case "mitigation.started" -> {
                    Action previewed = actions.get(step);
                    actions.put(step, new Action(at, step, title, previewed == null ? message : previewed.command(),
                            previewed == null ? null : previewed.blastRadius(), "INTERRUPTED", consentBy.get(step),
                            "started, no outcome recorded: the run was cut short while it was writing; check the target's state"));
                    timeline.add(new Entry(at, event, step, title, "started: " + message, consentBy.get(step)));
                }
                case "consent.asked" -> timeline.add(new Entry(at, event, step, title, "asked: " + message, null));
                case "consent.answered" -> {
                    consentBy.put(step, by);
                    timeline.add(new Entry(at, event, step, title, status + ": " + message, by));
                }
                case "note" -> {
                    notes.add(at + " " + by + ": " + message);
                    timeline.add(new Entry(at, event, step, "note", message, by));
                }
                case "run.quit" -> {
                    quit = e;
                    timeline.add(new Entry(at, event, step, "quit before: " + title, message, by));
                }
                case "run.finished" -> {
                    finished = e;
                    timeline.add(new Entry(at, event, null, "finished", status, null));
                }
                default -> {
                    if (event.startsWith("mitigation.")) {
                        Action previewed = actions.get(step);
                        String decision = status == null ? event.substring("mitigation.".length()).toUpperCase(java.util.Locale.ROOT) : status;
                        actions.put(step, new Action(at, step, title, previewed == null ? null : previewed.command(),
                                previewed == null ? null : previewed.blastRadius(), decision, consentBy.getOrDefault(step, by(message)), message));
                        timeline.add(new Entry(at, event, step, title, decision + (message == null ? "" : ": " + message)
                                + (data.has("result") ? " " + data.get("result") : ""), consentBy.getOrDefault(step, by(message))));
                        if (!decision.equals("EXECUTED") && !decision.equals("DRY_RUN") && !decision.equals("NOT_SELECTED")) {
                            open.add("Mitigation not executed (" + decision + "): " + title + (message == null ? "" : " — " + message));
                        }
                        if (decision.equals("DRY_RUN")) {
                            open.add("Dry run: " + title + " was only previewed");
                        }
                    } else {
                        timeline.add(new Entry(at, event, step, title, message, by));
                    }
                }
            }
        }

        IncidentReport build(String recordName) {
            JsonNode sd = started == null ? null : started.path("data");
            Instant startAt = started == null ? (timeline.isEmpty() ? null : timeline.get(0).at()) : Instant.parse(started.path("at").asText());
            Instant endAt = finished != null ? Instant.parse(finished.path("at").asText()) : last;
            String outcome;
            actions.values().stream().filter(a -> a.decision().equals("INTERRUPTED"))
                    .forEach(a -> open.add("Mitigation interrupted while running (started, never finished): " + a.title()
                            + " — check what it changed"));
            if (finished == null) {
                outcome = "record ends without run.finished: the run was interrupted (crash or kill)";
                openSteps.values().forEach(t -> open.add("Step interrupted while running: " + t));
                open.add("The run did not finish: rerun the runbook to see the current state");
            } else if (quit != null) {
                outcome = "quit by the operator before '" + text(quit, "title") + "'";
                open.add("Run quit before: " + text(quit, "title"));
            } else {
                outcome = "finished";
            }
            if (firstFinding == null) {
                firstFinding = "no finding";
            }
            List<Service> services = new ArrayList<>();
            for (String t : targets) {
                services.add(new Service(t, worst.getOrDefault(t, "not checked"), List.copyOf(findings.getOrDefault(t, Map.of()).values())));
            }
            open.add("Root cause: to be written");
            open.add("Prevention, detection and response improvements (owner, due date): to be agreed in the retrospective");
            String severity = sd == null ? null : text(sd, "severity");
            Summary summary = new Summary(sd == null ? null : text(sd, "runbook"), started == null ? null : text(started, "title"),
                    severity, sd == null ? null : text(sd, "responseTime"), startAt, endAt,
                    startAt == null || endAt == null ? 0 : Duration.between(startAt, endAt).toMinutes(),
                    finished == null ? "UNKNOWN" : text(finished, "status"),
                    finished == null ? null : finished.path("data").path("exitCode").asInt(),
                    outcome, sd == null ? null : flat(text(sd, "summary")), sd == null ? null : text(sd, "by"),
                    sd == null ? null : text(sd, "context"));
            Detection detection = new Detection(firstFindingAt != null ? firstFindingAt : startAt,
                    "irm run " + (summary.runbook() == null ? "" : summary.runbook()), summary.owner(), firstFinding);
            return new IncidentReport("1", "report", recordName, summary, detection, services, timeline,
                    List.copyOf(actions.values()), open, notes, messages);
        }

        private static String by(String message) {
            if (message == null) {
                return null;
            }
            int at = message.lastIndexOf(" by ");
            return at < 0 ? null : message.substring(at + 4);
        }

        /** The worse of two recorded states, by the engine's one algebra; unrecognised text never wins. */
        private static String worse(String a, String b) {
            Status sa = Status.parse(a);
            Status sb = Status.parse(b);
            if (sa == null || sb == null) {
                return sa == null ? b : a;
            }
            return sa.max(sb).name();
        }

        private static String flat(String s) {
            return s == null ? null : s.strip().replaceAll("\\s+", " ");
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }
}
