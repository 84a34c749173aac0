package dev.irm.cli;

import dev.irm.drill.RecoveryWatcher;
import dev.irm.engine.ConnectorPool;
import dev.irm.engine.DiagnoseResult;
import dev.irm.engine.Diagnoser;
import dev.irm.support.ExitCode;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code irm drill watch ID} (hidden): the background process {@code irm drill} starts to notice recovery. */
@Command(name = "watch", hidden = true, description = "Watch a drill until the lab is healthy again (started by 'irm drill').")
public final class DrillWatchCommand implements Callable<Integer> {
    static final Duration INTERVAL = Duration.ofSeconds(2);
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @ParentCommand
    DrillCommand drill;

    @Parameters(paramLabel = "ID")
    String id;

    @Override
    public Integer call() throws InterruptedException {
        Session session = new Session(drill.root);
        RecoveryWatcher watcher = new RecoveryWatcher(DrillObserver.store(session), new LabForDrill(session),
                DrillReportCommand.records(session), () -> diagnose(session), Clock.systemUTC(), INTERVAL);
        session.out().println("drill " + id + ": " + watcher.watch(id));
        return ExitCode.OK;
    }

    /** {@code irm diagnose all} on the drill's context, as the person would run it. */
    private static DiagnoseResult diagnose(Session session) {
        List<String> targets = DiagnoseCommand.allTargets(session);
        Diagnoser diagnoser = new Diagnoser(session.registry(), session.catalog(), session.contextVariables(),
                DiagnoseCommand.stepTimeout(DEADLINE));
        try (ConnectorPool pool = new ConnectorPool(session.registry(), session.connections(new ConnectionOptions(), targets))) {
            return diagnoser.diagnose(targets, pool, DEADLINE);
        }
    }
}
