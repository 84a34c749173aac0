package dev.irm.cli;

import dev.irm.lab.InjectedFaults;
import dev.irm.support.ExitCode;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code irm lab heal [SCENARIO]}: undo one injected fault, or all of them. */
@Command(name = "heal", description = "Undo the fault of SCENARIO in the running lab, or every injected fault when none is named. Healing twice is harmless.")
public final class LabHealCommand implements Callable<Integer> {
    @ParentCommand
    LabCommand lab;

    @Parameters(paramLabel = "SCENARIO", arity = "0..1", description = "The runbook whose fault to undo (default: all injected).")
    String scenario;

    @Override
    public Integer call() {
        Session session = new Session(lab.root);
        InjectedFaults faults = InjectedFaults.ofRunningLab(session.environment().env());
        List<String> before = faults.injected();
        faults.heal(scenario);
        List<String> healed = scenario != null ? List.of(scenario) : before;
        session.out().println(healed.isEmpty() ? "nothing to heal: no fault is injected" : "healed " + String.join(", ", healed));
        return ExitCode.OK;
    }
}
