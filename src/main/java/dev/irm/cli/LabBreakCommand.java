package dev.irm.cli;

import dev.irm.lab.InjectedFaults;
import dev.irm.lab.LabFaults;
import dev.irm.lab.faults.Fault;
import dev.irm.lab.faults.LabFaultCatalog;
import dev.irm.render.Table;
import dev.irm.support.ExitCode;
import dev.irm.support.IrmException;
import dev.irm.support.Json;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code irm lab break SCENARIO | --list}: inject a runbook's fault into the running lab. */
@Command(name = "break", description = "Inject the fault of runbook SCENARIO into the running lab (--list: which runbooks can be practised, and why not the others).")
public final class LabBreakCommand implements Callable<Integer>, OutputOption.Formats {
    @ParentCommand
    LabCommand lab;

    @Parameters(paramLabel = "SCENARIO", arity = "0..1", description = "A breakable runbook id (see --list).")
    String scenario;

    @Option(names = "--list", description = "List every runbook: breakable here, the severity diagnose reports, or why not.")
    boolean list;

    @Mixin
    OutputOption output;

    @Override
    public List<String> formats() {
        return List.of("table", "json");
    }

    @Override
    public Integer call() {
        Session session = new Session(lab.root);
        if (list) {
            printList(session, LabFaultCatalog.scenarios());
            return ExitCode.OK;
        }
        if (scenario == null) {
            throw IrmException.usage("say which scenario to break (irm lab break --list shows them)");
        }
        Fault fault = LabFaultCatalog.require(scenario);
        InjectedFaults.ofRunningLab(session.environment().env()).inject(scenario);
        session.out().println("broke " + scenario + " (" + fault.how() + "); "
                + "irm --context lab diagnose all reports it as " + fault.expected() + "; undo with: irm lab heal " + scenario);
        return ExitCode.OK;
    }

    private void printList(Session session, List<LabFaults.Scenario> scenarios) {
        if (output.format().equals("json")) {
            session.out().println(Json.pretty(scenarios));
            return;
        }
        Table table = new Table("RUNBOOK", "BREAKABLE", "EXPECTED", "REASON");
        for (LabFaults.Scenario s : scenarios) {
            table.row(s.runbook(), s.breakable() ? "yes" : "no", s.expected() == null ? "-" : s.expected(), s.reason() == null ? "" : s.reason());
        }
        session.out().print(table.render());
    }
}
