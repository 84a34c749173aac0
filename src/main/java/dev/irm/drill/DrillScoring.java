package dev.irm.drill;

import dev.irm.engine.RunRecord;
import dev.irm.drill.DrillScore.Point;
import dev.irm.drill.DrillScore.StepNote;
import dev.irm.engine.MitigationOutcome.Decision;
import dev.irm.engine.TimelineEvent;
import dev.irm.engine.TimelineEvent.ConsentAsked;
import dev.irm.engine.TimelineEvent.ManualAcknowledged;
import dev.irm.engine.TimelineEvent.MitigationFinished;
import dev.irm.engine.TimelineEvent.MitigationPreviewed;
import dev.irm.engine.TimelineEvent.RunQuit;
import dev.irm.engine.TimelineEvent.StepSkipped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores a drill from what irm recorded: the journal of diagnose/triage and the run records. "The runbook" is
 * the injected one or the one its findings name ({@link DrillState#foundAs}): a pointer to, or a run of, either counts.
 * A mitigation is needed when the injected runbook reached it (its {@code when:} held); a high-risk
 * one is not needed when it belongs to another runbook, when a lower-risk step before it in the same
 * run was passed over, or when the lab had already recovered. Points: identified 20, right runbook
 * run 20, recovered 40 (half when later than the severity's response time), discipline 20 when the
 * runbook was run (−10 per unneeded high-risk step, −5 per needed step skipped).
 */
public final class DrillScoring {
    private static final Set<Decision> PASSED_OVER = Set.of(Decision.DECLINED, Decision.REFUSED, Decision.NOT_SELECTED);

    private DrillScoring() {
    }

    public static DrillScore score(DrillState drill, List<JournalEntry> journal, List<RunRecord> runs) {
        Instant start = drill.startedAt();
        Instant identifiedAt = null;
        String identifiedBy = null;
        for (JournalEntry entry : journal) {
            JournalEntry.Pointer pointer = entry.pointerTo(drill);
            boolean onTheLab = entry.command().equals("triage") || drill.context().equals(entry.context());
            if (pointer != null && onTheLab && !entry.at().isBefore(start) && (identifiedAt == null || entry.at().isBefore(identifiedAt))) {
                identifiedAt = entry.at();
                identifiedBy = "irm " + entry.command() + ": " + pointer.evidence();
            }
        }
        RunRecord right = runs.stream().filter(r -> drill.names(r.runbook())).findFirst().orElse(null);
        if (right != null && (identifiedAt == null || right.startedAt().isBefore(identifiedAt))) {
            identifiedAt = right.startedAt();
            identifiedBy = "irm run " + right.runbook();
        }
        Long identifiedAfter = identifiedAt == null ? null : seconds(start, identifiedAt);
        Long recoveredAfter = drill.recoveredAt() == null ? null : seconds(start, drill.recoveredAt());
        Boolean inTime = recoveredAfter == null ? null : recoveredAfter <= drill.responseTimeS();

        List<StepNote> unneeded = new ArrayList<>();
        List<StepNote> skipped = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (RunRecord run : runs) {
            steps(drill, run, unneeded, skipped, taken);
        }
        Set<String> named = new HashSet<>();
        skipped.removeIf(note -> taken.contains(note.step()) || !named.add(note.step()));

        List<Point> points = new ArrayList<>();
        points.add(new Point("first finding pointing at the runbook",
                identifiedAfter == null ? "never" : minutes(identifiedAfter) + " (" + identifiedBy + ")",
                identifiedAfter == null ? 0 : identifiedAfter <= drill.responseTimeS() ? 20 : 10, 20));
        points.add(new Point("the runbook was run", right == null ? "no" : "yes (" + right.name() + ")", right == null ? 0 : 20, 20));
        String respond = "respond within " + minutes(drill.responseTimeS()) + " (" + drill.severity() + ")";
        points.add(new Point(drill.dryRun() ? "recovery (dry drill: the lab healed itself after the dry run)" : "recovery",
                recoveredAfter == null ? "not recovered; " + respond : minutes(recoveredAfter) + "; " + respond,
                recoveredAfter == null ? 0 : inTime ? 40 : 20, 40));
        int discipline = right == null ? 0 : Math.max(0, 20 - 10 * unneeded.size() - 5 * skipped.size());
        points.add(new Point("discipline", (right == null ? "no run of the runbook; " : "") + unneeded.size()
                + " high-risk step(s) not needed, " + skipped.size() + " needed step(s) skipped", discipline, 20));
        int total = points.stream().mapToInt(Point::points).sum();
        return new DrillScore(identifiedAfter, identifiedBy, right != null, right == null ? null : right.name(), recoveredAfter,
                drill.responseTimeS(), inTime, drill.dryRun(), List.copyOf(unneeded), List.copyOf(skipped), List.copyOf(points), total);
    }

    /** One run's mitigations and skips, in the order they happened. */
    private static void steps(DrillState drill, RunRecord run, List<StepNote> unneeded, List<StepNote> skipped, Set<String> taken) {
        boolean injected = drill.names(run.runbook());
        Map<String, String> risk = new HashMap<>();
        List<String> passedOver = new ArrayList<>();
        for (TimelineEvent e : run.events()) {
            String step = e.step();
            String title = e.title();
            String stepRisk = e instanceof MitigationPreviewed p ? p.risk() : e instanceof ConsentAsked c ? c.risk() : null;
            if (stepRisk != null && step != null) {
                risk.putIfAbsent(step, stepRisk);
            }
            if (e instanceof MitigationFinished m && (m.decision() == Decision.EXECUTED || m.decision() == Decision.DRY_RUN)) {
                if (injected) {
                    taken.add(step);
                }
                if (m.decision() == Decision.EXECUTED && "high".equalsIgnoreCase(risk.get(step))) {
                    String why = !injected ? "runbook " + run.runbook() + " is not the drill's (" + drill.runbook() + ")"
                            : drill.recoveredAt() != null && m.at().isAfter(drill.recoveredAt())
                            ? "the lab had already recovered"
                            : !passedOver.isEmpty() ? "a lower-risk step before it was passed over: " + String.join(", ", passedOver) : null;
                    if (why != null) {
                        unneeded.add(new StepNote(run.name(), run.runbook(), step, title, why));
                    }
                }
            } else if (e instanceof MitigationFinished m && PASSED_OVER.contains(m.decision())) {
                if (!"high".equalsIgnoreCase(risk.get(step))) {
                    passedOver.add(step);
                }
                if (injected) {
                    skipped.add(new StepNote(run.name(), run.runbook(), step, title, m.message() == null ? m.name() : m.message()));
                }
            } else if (injected && e instanceof StepSkipped k && k.by() != null) {
                skipped.add(new StepNote(run.name(), run.runbook(), step, title, k.why() == null ? "skipped" : k.why()));
            } else if (injected && e instanceof ManualAcknowledged ack) {
                if (!ack.done()) {
                    skipped.add(new StepNote(run.name(), run.runbook(), step, title, "manual step left open"));
                } else {
                    taken.add(step);
                }
            } else if (injected && e instanceof RunQuit q && q.mitigationsLeft()) {
                skipped.add(new StepNote(run.name(), run.runbook(), step, title, "the run was quit before this step, mitigations left"));
            }
        }
    }

    private static long seconds(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toSeconds());
    }

    static String minutes(long seconds) {
        return seconds < 60 ? seconds + " s" : seconds % 60 == 0 ? seconds / 60 + " min" : seconds / 60 + " min " + seconds % 60 + " s";
    }
}
