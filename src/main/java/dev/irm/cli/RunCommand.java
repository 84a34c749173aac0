package dev.irm.cli;

import dev.irm.support.IrmException;
import dev.irm.engine.AuditLog;
import dev.irm.engine.ConnectorPool;
import dev.irm.engine.Interaction;
import dev.irm.engine.RecordWriter;
import dev.irm.engine.RunOptions;
import dev.irm.engine.RunResult;
import dev.irm.engine.RunVariables;
import dev.irm.engine.RunbookRunner;
import dev.irm.engine.TimelineListener;
import dev.irm.support.Json;
import dev.irm.render.RunReport;
import dev.irm.render.RunText;
import dev.irm.runbook.LoadedRunbook;
import dev.irm.runbook.Step;
import java.time.Instant;
import org.jline.terminal.Terminal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
        for (String id : onlySteps) {
            Step step = loaded.runbook().step(id);
            if (step == null || step.kind() != dev.irm.runbook.StepKind.MITIGATION) {
                throw IrmException.usage("--step " + id + ": runbook " + runbookId + " has no mitigation step '" + id + "'");
            }
        }
        if (!dryRun && DrillObserver.dryDrill(session)) {
            dryRun = true;
            root.spec.commandLine().getErr().println("irm: a dry drill is running on context " + session.contextName()
                    + ": this run only previews its mitigations");
            root.spec.commandLine().getErr().flush();
        }
        Map<String, Object> variables = RunVariables.resolve(loaded, session.contextVariables(), sets);
        Set<String> targets = new LinkedHashSet<>();
        loaded.runbook().steps().stream().map(Step::target).filter(t -> t != null).forEach(targets::add);
        RunOptions options = new RunOptions(variables, dryRun, yes, Set.copyOf(confirmWords), Set.copyOf(onlySteps),
                DiagnoseCommand.stepTimeout(session.deadline()), session.contextName(), session.lang());
        String who = Operator.identity(session.environment());
        Terminal terminal = format.equals("text") ? session.environment().jline() : null;
        try (RecordWriter record = RecordWriter.create(RecordWriter.defaultDir(session.environment().env()), loaded.id(), Instant.now());
             ConnectorPool pool = new ConnectorPool(session.registry(), session.connections(connections, List.copyOf(targets)));
             KeyReader keys = terminal == null ? null : new KeyReader(terminal)) {
            AuditLog audit = new AuditLog(AuditLog.defaultFile(session.environment().env()), loaded.id(), record.file());
            GuidedInteraction guided = keys == null ? null : new GuidedInteraction(keys, session.style(), who, loaded.runbook(), record);
            RunText text = format.equals("text") ? new RunText(guided == null ? session.out() : keys.out(), session.style()) : null;
            TimelineListener live = guided != null ? guided : text;
            Interaction interaction = guided != null ? guided
                    : session.environment().terminal() && format.equals("text") ? new ConsoleInteraction(session.out(), who)
                    : Interaction.none(who);
            TimelineListener timeline = event -> {
                record.on(event);
                audit.on(event);
                if (live != null) {
                    live.on(event);
                }
            };
            RunResult result = new RunbookRunner(session.registry(), pool, interaction, timeline).run(loaded, options, record.file());
            if (text != null) {
                text.summary(result);
                if (guided != null) {
                    keys.out().println("Report: irm report " + record.file());
                    keys.out().flush();
                }
            } else {
                session.out().println(Json.pretty(RunReport.of(session.contextName(), result)));
            }
            return result.exitCode();
        }
    }
}
