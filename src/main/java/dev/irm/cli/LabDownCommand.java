package dev.irm.cli;

import dev.irm.lab.InjectedFaults;
import dev.irm.lab.Lab;
import dev.irm.support.ExitCode;
import dev.irm.support.IrmException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code irm lab down}: stops what {@code lab up} started, by pid, and removes the context {@code lab}. */
@Command(name = "down", description = "Stop the lab's processes (SIGTERM, then SIGKILL after 10 s), remove the context 'lab'"
        + " and the lab's data (--keep: keep the data).")
public final class LabDownCommand implements Callable<Integer> {
    @ParentCommand
    LabCommand parent;

    @Option(names = "--keep", description = "Keep the lab's data (databases, Prometheus' samples, logs) for the next up.")
    boolean keep;

    @Override
    public Integer call() {
        Session session = new Session(parent.root);
        Lab lab = parent.lab(session);
        lab.state().ifPresent(state -> InjectedFaults.healBeforeDown(state.endpoints()));
        Lab.DownResult result = lab.down(keep);
        if (!result.leftovers().isEmpty()) {
            throw new IrmException(ExitCode.INTERNAL, "lab down: " + String.join("; ", result.leftovers()));
        }
        session.out().println(!result.wasUp() ? "the lab was not up" : "the lab is down" + (keep ? " (data kept in " + lab.dir() + ")" : ""));
        return ExitCode.OK;
    }
}
