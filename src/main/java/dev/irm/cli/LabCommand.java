package dev.irm.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code irm lab}: the manuals' system on this machine, to practise on. */
@Command(name = "lab", description = "Practise on a local lab: break a runbook's fault into it and heal it.",
        subcommands = {LabBreakCommand.class, LabHealCommand.class})
public final class LabCommand implements Runnable {
    @ParentCommand
    IrmCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "say which: break or heal");
    }
}
