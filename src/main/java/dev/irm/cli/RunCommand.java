package dev.irm.cli;

import dev.irm.engine.Interaction;
import dev.irm.engine.RecordedRun;
import dev.irm.engine.RunOptions;
import dev.irm.engine.RunResult;
import dev.irm.engine.RunVariables;
import dev.irm.support.IrmException;
import dev.irm.support.Json;
import dev.irm.render.RunReport;
import dev.irm.render.RunText;
import dev.irm.runbook.LoadedRunbook;
import org.jline.terminal.Terminal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code irm run RUNBOOK}: diagnostics, then each mitigation shown with its blast radius and run only with consent. */
@Command(name = "run", description = "Run a runbook: diagnostics for real, mitigations only after an explicit yes.")
public final class RunCommand implements Callable<Integer>, OutputOption.Formats {
    @ParentCommand
    IrmCommand root;

    @Parameters(paramLabel = "RUNBOOK", description = "Runbook id (see 'irm list').")
    String runbookId;

    @Option(names = "--dry-run", description = "Run every diagnostic, print every mitigation fully resolved, change nothing.")
    boolean dryRun;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "Set a runbook variable (repeatable).")
    Map<String, String> sets = new LinkedHashMap<>();

    @Option(names = {"-y", "--yes"}, description = "Approve low and medium risk mitigations without asking.")
    boolean yes;

    @Option(names = "--confirm", paramLabel = "NAME", description = "With --yes: approve the high-risk mitigation whose confirmation word is NAME (repeatable).")
    List<String> confirmWords = new ArrayList<>();

    @Option(names = "--step", paramLabel = "ID", description = "Only these mitigation steps may run (repeatable; default: every applicable one).")
    List<String> onlySteps = new ArrayList<>();

    @Mixin
    OutputOption output;

    @Mixin
    ConnectionOptions connections;

    @Override
    public List<String> formats() {
        return List.of("text", "json");
    }

    @Override
    public Integer call() {
        String format = output.format();
        Session session = new Session(root);
        LoadedRunbook loaded = session.localized(session.catalog().require(runbookId));
        requireMitigations(loaded, onlySteps);
        if (!dryRun && DrillObserver.dryDrill(session)) {
            dryRun = true;
            root.spec.commandLine().getErr().println("irm: a dry drill is running on context " + session.contextName()
                    + ": this run only previews its mitigations");
            root.spec.commandLine().getErr().flush();
        }
        Map<String, Object> variables = RunVariables.resolve(loaded, session.contextVariables(), sets);
        RunOptions options = new RunOptions(variables, dryRun, yes, Set.copyOf(confirmWords), Set.copyOf(onlySteps),
                DiagnoseCommand.stepTimeout(session.deadline()), session.contextName(), session.lang());
        String who = Operator.identity(session.environment());
        Terminal terminal = format.equals("text") ? session.environment().jline() : null;
        try (RecordedRun run = RecordedRun.open(session.registry(), session.connections(connections, loaded.runbook().stepTargets()), loaded,
                session.environment().env());
             KeyReader keys = terminal == null ? null : new KeyReader(terminal)) {
            GuidedInteraction guided = keys == null ? null : new GuidedInteraction(keys, session.style(), who, loaded.runbook(), run.trail());
            RunText text = format.equals("text") ? new RunText(guided == null ? session.out() : keys.out(), session.style()) : null;
            Interaction interaction = guided != null ? guided
                    : text != null && session.environment().terminal() ? new ConsoleInteraction(session.out(), who)
                    : Interaction.none(who);
            RunResult result = run.run(options, interaction, guided != null ? guided : text);
            if (text == null) {
                session.out().println(Json.pretty(RunReport.of(session.contextName(), result)));
            } else {
                text.summary(result);
                if (guided != null) {
                    keys.out().println("Report: irm report " + run.file());
                    keys.out().flush();
                }
            }
            return result.exitCode();
        }
    }

    /** {@code --step ID}: each must name a mitigation step of the runbook. */
    private static void requireMitigations(LoadedRunbook loaded, java.util.Collection<String> stepIds) {
        for (String id : stepIds) {
            dev.irm.runbook.Step step = loaded.runbook().step(id);
            if (step == null || step.kind() != dev.irm.runbook.StepKind.MITIGATION) {
                throw IrmException.usage("--step " + id + ": runbook " + loaded.id() + " has no mitigation step '" + id + "'");
            }
        }
    }
}
