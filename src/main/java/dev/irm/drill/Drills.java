package dev.irm.drill;

import dev.irm.lab.LabEndpoints;
import dev.irm.lab.LabFaults;
import dev.irm.lab.faults.Fault;
import dev.irm.lab.faults.LabFaultCatalog;
import dev.irm.runbook.LoadedRunbook;
import dev.irm.runbook.RunbookCatalog;
import dev.irm.runbook.Severity;
import dev.irm.support.IrmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** {@code irm drill}: start (inject, start the clock), stop (heal, end), and report. */
public final class Drills {
    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.systemDefault());

    private final DrillStore store;
    private final DrillLab lab;
    private final Clock clock;

    public Drills(DrillStore store, DrillLab lab, Clock clock) {
        this.store = store;
        this.lab = lab;
        this.clock = clock;
    }

    /** Injects {@code scenario}'s fault (null: a random breakable one, of {@code among} when not empty) and starts the clock. */
    public DrillState start(String scenario, List<String> among, boolean dryRun, RunbookCatalog catalog, RandomGenerator random) {
        LabEndpoints endpoints = lab.running()
                .orElseThrow(() -> IrmException.usage("no lab is running: start it with 'irm lab up'"));
        settle();
        store.active().ifPresent(d -> {
            throw IrmException.usage("a drill is already running (started " + CLOCK.format(d.startedAt())
                    + "): respond to it, or end it with 'irm drill stop'");
        });
        LabFaults faults = lab.faults(endpoints);
        List<LabFaults.Scenario> drillable = faults.scenarios().stream().filter(LabFaults.Scenario::drillable).toList();
        List<LabFaults.Scenario> candidates = among.isEmpty() ? drillable
                : among.stream().map(id -> check(id, drillable)).distinct().toList();
        LabFaults.Scenario chosen = scenario == null ? pick(candidates, random) : check(scenario, drillable);
        String runbook = chosen.runbook();
        LoadedRunbook loaded = catalog.require(runbook);
        Severity severity = loaded.runbook().severity();
        faults.inject(runbook);
        Instant now = clock.instant();
        DrillState drill = new DrillState("1", ID.format(now), runbook, chosen.expected(), chosen.foundAs(), loaded.runbook().title(),
                severity.name(), severity.responseTime().toSeconds(), dryRun, lab.context(), now, Briefing.page(severity), null, null, null, null, null);
        store.begin(drill);
        return drill;
    }

    /** Ends the drill under way and heals the lab; the watcher (if alive) is stopped first. */
    public DrillState stop() {
        DrillState drill = store.active().orElseThrow(() -> IrmException.usage("no drill is running"
                + store.latest().map(d -> " (the last one ended: " + d.endedBy() + "; 'irm drill report' shows it)").orElse("")));
        if (drill.watcherPid() != null) {
            ProcessHandle.of(drill.watcherPid()).filter(p -> p.info().commandLine().map(c -> c.contains("drill")).orElse(true))
                    .ifPresent(ProcessHandle::destroy);
        }
        lab.running().ifPresent(endpoints -> lab.faults(endpoints).heal(drill.runbook()));
        DrillState ended = drill.ended(clock.instant(), DrillState.STOPPED);
        store.save(ended);
        return ended;
    }

    /** The latest drill's report (running or ended). */
    public DrillReport report(DrillRecords records) {
        settle();
        DrillState drill = store.latest().orElseThrow(() -> IrmException.usage("no drill yet: start one with 'irm drill --random'"));
        return DrillReport.of(drill, store.journal(), records.during(drill.context(), drill.startedAt(), drill.endedAt()));
    }

    public Optional<DrillState> active() {
        settle();
        return store.active();
    }

    /**
     * A drill whose lab is down and whose watcher is gone is over (lab down), whether or not the watcher lived to
     * record it (killed, a reboot): not "already running". With the lab still up it stays active: stop heals it.
     */
    private void settle() {
        store.active().filter(d -> watcherGone(d) && lab.running().isEmpty())
                .ifPresent(d -> store.save(d.ended(clock.instant(), DrillState.LAB_DOWN)));
    }

    private static boolean watcherGone(DrillState drill) {
        return drill.watcherPid() != null && ProcessHandle.of(drill.watcherPid()).map(p -> !p.isAlive()).orElse(true);
    }

    private static LabFaults.Scenario pick(List<LabFaults.Scenario> drillable, RandomGenerator random) {
        if (drillable.isEmpty()) {
            throw IrmException.usage("this lab can produce no fault (see 'irm lab break --list')");
        }
        return drillable.get(random.nextInt(drillable.size()));
    }

    /** {@code scenario} as the lab offers it for drills; a usage error naming it when it is unknown, not breakable or not drillable. */
    private static LabFaults.Scenario check(String scenario, List<LabFaults.Scenario> drillable) {
        Fault fault = LabFaultCatalog.require(scenario);
        if (fault.notDrillable() != null) {
            throw IrmException.usage(scenario + " is breakable but not for drills: " + fault.notDrillable());
        }
        String runbook = fault.runbook();
        return drillable.stream().filter(s -> s.runbook().equals(runbook)).findFirst()
                .orElseThrow(() -> IrmException.usage(scenario + " cannot be practised on this lab (see 'irm lab break --list')"));
    }
}
