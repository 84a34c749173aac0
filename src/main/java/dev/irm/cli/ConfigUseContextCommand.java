package dev.irm.cli;

import dev.irm.config.IrmConfig;
import dev.irm.support.ExitCode;
import dev.irm.support.IrmException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code irm config use-context NAME}: make NAME the current context. */
@Command(name = "use-context", description = "Make a context the current one.")
public final class ConfigUseContextCommand implements Callable<Integer> {
    @ParentCommand
    ConfigCommand parent;

    @Parameters(paramLabel = "NAME", description = "Context name.")
    String name;

    @Override
    public Integer call() {
        Session session = new Session(parent.root);
        IrmConfig config = session.config();
        if (!config.contexts().containsKey(name)) {
            throw IrmException.usage("unknown context '" + name + "' in " + session.configStore().file()
                    + (config.contexts().isEmpty() ? " (it has none)" : " (it has: " + String.join(", ", config.contexts().keySet()) + ")"));
        }
        session.configStore().write(config.withCurrentContext(name));
        session.out().println("current context: " + name);
        return ExitCode.OK;
    }
}
