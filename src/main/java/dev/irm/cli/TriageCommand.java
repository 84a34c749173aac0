package dev.irm.cli;

import dev.irm.render.Table;
import dev.irm.render.TriageReport;
import dev.irm.runbook.Triage;
import dev.irm.support.ExitCode;
import dev.irm.support.Json;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code irm triage TEXT...}: which runbook handles this error message or symptom. */
@Command(name = "triage", description = "Rank runbooks for an error message or symptom (exit 0: a match, 1: none).")
public final class TriageCommand implements Callable<Integer>, OutputOption.Formats {
    @ParentCommand
    IrmCommand root;

    @Parameters(paramLabel = "TEXT", arity = "1..*", description = "The error message, log line or symptom, e.g. \"Too many connections\".")
    List<String> text;

    @Mixin
    OutputOption output;

    @Override
    public List<String> formats() {
        return List.of("table", "json", "text");
    }

    @Override
    public Integer call() {
        String format = output.format();
        Session session = new Session(root);
        String query = String.join(" ", text);
        List<Triage.Match> matches = Triage.rank(query, session.localized(session.catalog().all()));
        DrillObserver.triaged(session, matches);
        if (format.equals("json")) {
            session.out().println(Json.pretty(TriageReport.of(query, matches)));
            return matches.isEmpty() ? ExitCode.NO_MATCH : ExitCode.OK;
        }
        if (matches.isEmpty()) {
            session.out().println("No runbook declares this symptom. Try 'irm diagnose all' or 'irm list'.");
            return ExitCode.NO_MATCH;
        }
        Table table = new Table("RANK", "RUNBOOK", "SEVERITY", "SCORE", "MATCHED", "TITLE");
        int rank = 1;
        for (Triage.Match m : matches.stream().limit(5).toList()) {
            table.row(String.valueOf(rank++), m.id(), m.runbook().runbook().severity().name(), String.format("%.2f", m.score()),
                    m.matched() == null ? "" : m.matched(), m.runbook().runbook().title());
        }
        session.out().print(table.render());
        session.out().println();
        session.out().println("Start it: irm run " + matches.get(0).id());
        return ExitCode.OK;
    }
}
