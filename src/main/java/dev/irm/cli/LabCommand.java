package dev.irm.cli;

import dev.irm.lab.Lab;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code irm lab}: the manuals' system on this machine, to practise on. A subcommand is one line in the list below. */
@Command(name = "lab", description = "The manuals' system on loopback (Redis, MariaDB, Kafka, the reference app, Prometheus,"
        + " Alertmanager), to practise on: irm lab up && irm --context lab diagnose all.",
        subcommands = {
            LabUpCommand.class,
            LabStatusCommand.class,
            LabDownCommand.class,
            LabBreakCommand.class,
            LabHealCommand.class})
public final class LabCommand implements Runnable {
    @ParentCommand
    IrmCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "say which: " + String.join(", ", spec.subcommands().keySet()));
    }

    /** The lab of this user (its folder from the environment), progress lines to stdout. */
    Lab lab(Session session) {
        return new Lab(session.environment().env(), session.configStore(), line -> {
            session.out().println(line);
            session.out().flush();
        });
    }
}
