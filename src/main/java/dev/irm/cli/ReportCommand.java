package dev.irm.cli;

import dev.irm.support.ExitCode;
import dev.irm.engine.RecordWriter;
import dev.irm.engine.RunRecord;
import dev.irm.render.IncidentMarkdown;
import dev.irm.render.IncidentReport;
import dev.irm.support.Json;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code irm report [RECORD]}: a run's record as the incident report of seed 001 §8. */
@Command(name = "report", description = "Turn a run's record into the incident report (newest record when none is given).")
public final class ReportCommand implements Callable<Integer>, OutputOption.Formats {
    @ParentCommand
    IrmCommand root;

    @Parameters(paramLabel = "RECORD", arity = "0..1", description = "A record file, or its name under the records folder (default: the newest).")
    String recordName;

    @Mixin
    OutputOption output;

    @Override
    public List<String> formats() {
        return List.of("markdown", "json");
    }

    @Override
    public Integer call() {
        String format = output.format();
        Session session = new Session(root);
        RunRecord record = RunRecord.read(RunRecord.find(RecordWriter.defaultDir(session.environment().env()), recordName));
        List<String> skipped = record.skipped();
        if (!skipped.isEmpty()) {
            PrintWriter err = root.spec.commandLine().getErr();
            err.println("irm: " + record.file() + ": skipped " + skipped.size() + " bad line" + (skipped.size() == 1 ? "" : "s")
                    + " (" + String.join("; ", skipped.subList(0, Math.min(3, skipped.size()))) + (skipped.size() > 3 ? "; …" : "") + ")");
            err.flush();
        }
        IncidentReport report = IncidentReport.of(record.file().getFileName().toString(), record.events());
        if (format.equals("json")) {
            session.out().println(Json.pretty(report));
        } else {
            session.out().print(IncidentMarkdown.render(report, session.lang()));
        }
        return ExitCode.OK;
    }
}
