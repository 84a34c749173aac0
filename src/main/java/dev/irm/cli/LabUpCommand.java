package dev.irm.cli;

import dev.irm.lab.Lab;
import dev.irm.lab.LabContext;
import dev.irm.lab.LabState;
import dev.irm.support.ExitCode;
import dev.irm.support.IrmException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code irm lab up}: starts the lab (or says it is up), writes the context {@code lab}. */
@Command(name = "up", description = "Start the lab on free loopback ports, data under $XDG_STATE_HOME/irm/lab/;"
        + " writes the config context 'lab'.")
public final class LabUpCommand implements Callable<Integer> {
    @ParentCommand
    LabCommand parent;

    @Option(names = "--without", paramLabel = "PART", description = "Leave a part out: kafka, or docker (the app then runs"
            + " as a process); repeatable.")
    List<String> without = new ArrayList<>();

    @Override
    public Integer call() {
        for (String part : without) {
            if (!part.equals(Lab.KAFKA) && !part.equals(Lab.DOCKER)) {
                throw IrmException.usage("--without " + part + ": kafka or docker can be left out");
            }
        }
        Session session = new Session(parent.root);
        Lab.UpResult result = parent.lab(session).up(!without.contains(Lab.KAFKA), !without.contains(Lab.DOCKER));
        LabState state = result.state();
        if (result.alreadyUp()) {
            session.out().println("the lab is already up (" + state.parts().size() + " parts; irm lab status shows them)");
        } else if (state.endpoints().appContainer() == null) {
            session.out().println("the app runs as a process (log " + state.endpoints().appLog() + ")");
        } else {
            session.out().println("the app runs in the container " + state.endpoints().appContainer()
                    + " of a private Docker engine (DOCKER_HOST=" + state.endpoints().dockerHost() + ")");
        }
        session.out().println("context '" + LabContext.NAME + "' written to " + session.configStore().file()
                + ": irm --context " + LabContext.NAME + " diagnose all");
        return ExitCode.OK;
    }
}
