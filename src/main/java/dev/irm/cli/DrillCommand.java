package dev.irm.cli;

import dev.irm.drill.DrillState;
import dev.irm.drill.Drills;
import dev.irm.support.ExitCode;
import dev.irm.support.IrmException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code irm drill [SCENARIO | --random] [--dry-run]}: inject a fault without naming it, start the clock, return to the shell. */
@Command(name = "drill", description = "A timed, scored exercise on the lab: a fault is injected unnamed; respond with irm as usual.",
        subcommands = {DrillStopCommand.class, DrillReportCommand.class, DrillWatchCommand.class})
public final class DrillCommand implements Callable<Integer> {
    @ParentCommand
    IrmCommand root;

    @Parameters(paramLabel = "SCENARIO", arity = "0..1", description = "The runbook whose fault to inject (see 'irm lab break --list').")
    String scenario;

    @Option(names = "--random", description = "Inject one of the breakable faults, chosen at random.")
    boolean random;

    @Option(names = "--among", paramLabel = "RUNBOOK", split = ",",
            description = "With --random: choose among these scenarios only (comma-separated or repeated).")
    java.util.List<String> among = new java.util.ArrayList<>();

    @Option(names = "--dry-run", description = "Runs during the drill only preview mitigations; the lab heals itself after a dry run of the runbook.")
    boolean dryRun;

    @Override
    public Integer call() {
        Session session = new Session(root);
        Drills drills = drills(session);
        if (!random && scenario == null && drills.active().isPresent()) {
            return status(session.out(), drills.active().get());
        }
        if (random == (scenario != null)) {
            throw IrmException.usage("drill: name a SCENARIO or give --random" + (random ? ", not both" : ""));
        }
        if (!among.isEmpty() && !random) {
            throw IrmException.usage("drill: --among goes with --random");
        }
        DrillState drill = drills.start(scenario, among, dryRun, session.catalog(), new SplittableRandom());
        long pid;
        try {
            pid = DrillWatcherProcess.start(session, drill);
        } catch (RuntimeException e) {
            drills.stop();
            throw e;
        }
        DrillObserver.store(session).save(drill.withWatcher(pid));
        PrintWriter out = session.out();
        out.println("Drill " + drill.id() + " started: the clock is running." + (drill.dryRun() ? " (dry run)" : ""));
        out.println();
        out.println("  " + drill.briefing());
        out.println();
        out.println("Respond with irm as on a real night, on context " + drill.context() + ", e.g.:");
        out.println("  irm --context " + drill.context() + " diagnose all");
        out.println("  irm triage TEXT...");
        out.println("  irm --context " + drill.context() + " run RUNBOOK");
        if (drill.dryRun()) {
            out.println("Dry drill: every run on context " + drill.context() + " only previews its mitigations; once a dry run of the");
            out.println("right runbook has finished, the lab heals itself.");
        }
        out.println("The drill ends when the lab is healthy again (checked every " + DrillWatchCommand.INTERVAL.toSeconds()
                + " s), or with 'irm drill stop'. Score: 'irm drill report'.");
        return ExitCode.OK;
    }

    /** {@code irm drill} alone during a drill: the page again, and the clock. */
    private static int status(PrintWriter out, DrillState drill) {
        long minutes = java.time.Duration.between(drill.startedAt(), java.time.Instant.now()).toMinutes();
        out.println("Drill " + drill.id() + " is running: " + minutes + " min on the clock" + (drill.dryRun() ? " (dry run)" : "") + ".");
        out.println("  " + drill.briefing());
        out.println("It ends when the lab is healthy again, or with 'irm drill stop'.");
        return ExitCode.OK;
    }

    static Drills drills(Session session) {
        return new Drills(DrillObserver.store(session), new LabForDrill(session), Clock.systemUTC());
    }
}
