package dev.irm.drill;

import dev.irm.engine.RunRecord;
import dev.irm.engine.DiagnoseResult;
import dev.irm.engine.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * The background half of {@code irm drill}: diagnoses the lab every few seconds and ends the drill
 * when the findings of the runbook the fault is found as ({@link DrillState#foundAs}) are gone for two checks
 * in a row, once the fault was seen (by the watcher, or by the responder: a diagnose or triage pointing at the
 * injected runbook or the one it is found as, or a run of either — a quick responder may fix it before the
 * watcher's first check).
 * A dry drill heals the lab itself after a finished dry run of the runbook (its mitigations were only
 * previewed). Ends by itself when the drill is stopped, the lab goes down, or twice the response time
 * (at least 10 min, at most 2 h) has passed.
 */
public final class RecoveryWatcher {
    static final int HEALTHY_IN_A_ROW = 2;

    private final DrillStore store;
    private final DrillLab lab;
    private final DrillRecords records;
    private final Supplier<DiagnoseResult> diagnose;
    private final Clock clock;
    private final Duration interval;

    public RecoveryWatcher(DrillStore store, DrillLab lab, DrillRecords records, Supplier<DiagnoseResult> diagnose, Clock clock,
                           Duration interval) {
        this.store = store;
        this.lab = lab;
        this.records = records;
        this.diagnose = diagnose;
        this.clock = clock;
        this.interval = interval;
    }

    /**
     * Whether the page would resolve: no finding pointing at the runbook at the fault's severity or above
     * ({@code expected}; null: WARNING), and something was judged. A WARNING the mitigation itself leaves
     * behind (cache misses after a cache delete) does not hold a CRITICAL fault's drill open.
     */
    public static boolean healthy(DiagnoseResult result, String runbook, String expected) {
        Status level = expected == null || Status.parse(expected) == null ? Status.WARNING : Status.parse(expected);
        boolean judged = result.targets().stream().anyMatch(t -> t.status() != Status.SKIPPED);
        return judged && result.findings().stream().noneMatch(f -> runbook.equals(f.runbook()) && atLeast(f.severity(), level));
    }

    private static boolean atLeast(Status severity, Status level) {
        return severity.max(level) == severity;
    }

    static Duration limit(DrillState drill) {
        Duration twice = drill.responseTime().multipliedBy(2);
        return twice.compareTo(Duration.ofMinutes(10)) < 0 ? Duration.ofMinutes(10)
                : twice.compareTo(Duration.ofHours(2)) > 0 ? Duration.ofHours(2) : twice;
    }

    /** Watches the drill {@code id} until it ends; returns how it ended. */
    public String watch(String id) throws InterruptedException {
        boolean seenBroken = false;
        Instant healthySince = null;
        int healthyInARow = 0;
        while (true) {
            DrillState drill = store.latest().orElse(null);
            if (drill == null || !drill.id().equals(id) || !drill.active()) {
                return drill == null || !drill.id().equals(id) ? "replaced" : drill.endedBy();
            }
            var endpoints = lab.running();
            if (endpoints.isEmpty()) {
                store.save(drill.ended(clock.instant(), DrillState.LAB_DOWN));
                return DrillState.LAB_DOWN;
            }
            if (clock.instant().isAfter(drill.startedAt().plus(limit(drill)))) {
                lab.faults(endpoints.get()).heal(drill.runbook());
                store.save(drill.ended(clock.instant(), DrillState.TIMED_OUT));
                return DrillState.TIMED_OUT;
            }
            boolean healing = drill.dryRun() && drill.healedAt() == null;
            List<RunRecord> runs = healing || !seenBroken ? records.during(drill.context(), drill.startedAt(), null) : List.of();
            if (healing && dryRunFinished(drill, runs)) {
                lab.faults(endpoints.get()).heal(drill.runbook());
                drill = drill.healed(clock.instant());
                store.save(drill);
            }
            boolean healthy = healthy(diagnose.get(), drill.findingRunbook(), drill.expected());
            Instant at = clock.instant(); // after the reading: a fix that lands during a check is before recovery
            seenBroken = seenBroken || !healthy || seenByTheResponder(drill, runs);
            if (healthy && seenBroken) {
                healthySince = healthyInARow == 0 ? at : healthySince;
                healthyInARow++;
                if (healthyInARow >= HEALTHY_IN_A_ROW) {
                    DrillState now = store.latest().orElse(drill);
                    if (!now.active()) {
                        return now.endedBy();
                    }
                    if (now.healedAt() == null) {
                        lab.faults(endpoints.get()).heal(drill.runbook()); // the responder's fix ends the page; heal puts the lab back as it was
                    }
                    store.save(now.recovered(healthySince, clock.instant()));
                    return DrillState.RECOVERED;
                }
            } else {
                healthyInARow = 0;
            }
            Thread.sleep(interval.toMillis());
        }
    }

    private boolean seenByTheResponder(DrillState drill, List<RunRecord> runs) {
        return store.journal().stream().anyMatch(j -> !j.at().isBefore(drill.startedAt()) && j.pointerTo(drill) != null)
                || runs.stream().anyMatch(r -> drill.names(r.runbook()));
    }

    private static boolean dryRunFinished(DrillState drill, List<RunRecord> runs) {
        return runs.stream().filter(r -> drill.names(r.runbook()))
                .anyMatch(r -> r.events().stream().anyMatch(dev.irm.engine.TimelineEvent.RunFinished.class::isInstance));
    }
}
