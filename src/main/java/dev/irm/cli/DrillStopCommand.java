package dev.irm.cli;

import dev.irm.drill.DrillState;
import dev.irm.support.ExitCode;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code irm drill stop}: end the drill under way and heal the lab. */
@Command(name = "stop", description = "End the drill under way and heal the lab.")
public final class DrillStopCommand implements Callable<Integer> {
    @ParentCommand
    DrillCommand drill;

    @Override
    public Integer call() {
        Session session = new Session(drill.root);
        DrillState ended = DrillCommand.drills(session).stop();
        long minutes = Duration.between(ended.startedAt(), ended.endedAt()).toMinutes();
        session.out().println("Drill " + ended.id() + " stopped after " + minutes + " min; the fault was " + ended.runbook()
                + " and the lab is healed. Score: 'irm drill report'.");
        return ExitCode.OK;
    }
}
