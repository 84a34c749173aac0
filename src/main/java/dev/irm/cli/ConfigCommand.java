package dev.irm.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code irm config}: contexts and connection settings. */
@Command(name = "config", description = "View the config and switch contexts.",
        subcommands = {ConfigViewCommand.class, ConfigContextsCommand.class, ConfigUseContextCommand.class})
public final class ConfigCommand implements Runnable {
    @ParentCommand
    IrmCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "say which: view, contexts or use-context NAME");
    }
}
