package dev.irm.cli;

import dev.irm.lab.LabPartStatus;
import dev.irm.render.Table;
import dev.irm.support.ExitCode;
import dev.irm.support.Json;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code irm lab status}: each part of the lab, whether it is up, its port, pid and health. */
@Command(name = "status", description = "Each part of the lab: up, port, pid, health.")
public final class LabStatusCommand implements Callable<Integer>, OutputOption.Formats {
    @ParentCommand
    LabCommand parent;

    @Mixin
    OutputOption output;

    /** {@code -o json}: the lab as a whole and its parts. */
    record LabStatusJson(String irm, String command, boolean up, List<LabPartStatus> parts) {
    }

    @Override
    public List<String> formats() {
        return List.of("table", "json");
    }

    @Override
    public Integer call() {
        String format = output.format();
        Session session = new Session(parent.root);
        List<LabPartStatus> parts = parent.lab(session).status();
        boolean up = !parts.isEmpty() && parts.stream().allMatch(LabPartStatus::up);
        if (format.equals("json")) {
            session.out().println(Json.pretty(new LabStatusJson("1", "lab status", up, parts)));
            return ExitCode.OK;
        }
        if (parts.isEmpty()) {
            session.out().println("the lab is not up (irm lab up starts it)");
            return ExitCode.OK;
        }
        Table table = new Table("PART", "UP", "PORT", "PID", "HEALTH", "ENDPOINT");
        parts.forEach(p -> table.row(p.part(), p.up() ? "yes" : "no", String.valueOf(p.port()), String.valueOf(p.pid()),
                p.health(), p.endpoint()));
        session.out().print(table.render());
        return ExitCode.OK;
    }
}
