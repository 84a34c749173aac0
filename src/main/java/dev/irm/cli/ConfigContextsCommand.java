package dev.irm.cli;

import dev.irm.config.ContextConfig;
import dev.irm.render.Table;
import dev.irm.support.ExitCode;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code irm config contexts}: the contexts in the config file, the current one marked. */
@Command(name = "contexts", description = "List the contexts of the config file; * marks the current one.")
public final class ConfigContextsCommand implements Callable<Integer> {
    @ParentCommand
    ConfigCommand parent;

    @Override
    public Integer call() {
        Session session = new Session(parent.root);
        Map<String, ContextConfig> contexts = session.config().contexts();
        if (contexts.isEmpty()) {
            session.out().println("no contexts in " + session.configStore().file() + ": irm uses the local defaults");
            return ExitCode.OK;
        }
        Table table = new Table("CURRENT", "NAME", "DESCRIPTION");
        String current = session.contextName();
        contexts.forEach((name, c) -> table.row(name.equals(current) ? "*" : "", name, c.description()));
        session.out().print(table.render());
        return ExitCode.OK;
    }
}
