package dev.irm.cli;

import dev.irm.drill.DrillMarkdown;
import dev.irm.drill.DrillRecords;
import dev.irm.drill.DrillReport;
import dev.irm.engine.RecordWriter;
import dev.irm.support.ExitCode;
import dev.irm.support.Json;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code irm drill report}: the latest drill, its fault revealed, scored, with the report of every run during it. */
@Command(name = "report", description = "The latest drill's report: the injected fault, the score, and each run's incident report.")
public final class DrillReportCommand implements Callable<Integer>, OutputOption.Formats {
    @ParentCommand
    DrillCommand drill;

    @Mixin
    OutputOption output;

    @Override
    public List<String> formats() {
        return List.of("markdown", "json");
    }

    @Override
    public Integer call() {
        String format = output.format();
        Session session = new Session(drill.root);
        DrillReport report = DrillCommand.drills(session).report(records(session));
        if (format.equals("json")) {
            session.out().println(Json.pretty(report));
        } else {
            session.out().print(DrillMarkdown.render(report, session.lang()));
        }
        return ExitCode.OK;
    }

    /** The records {@code irm report} reads, read the way it reads them. */
    static DrillRecords records(Session session) {
        return new DrillRecords(RecordWriter.defaultDir(session.environment().env()));
    }
}
