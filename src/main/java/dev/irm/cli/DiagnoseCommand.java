package dev.irm.cli;

import dev.irm.engine.ConnectorPool;
import dev.irm.engine.DiagnoseResult;
import dev.irm.engine.Diagnoser;
import dev.irm.render.DiagnoseRenderers;
import dev.irm.render.RenderContext;
import dev.irm.render.Renderer;
import dev.irm.support.IrmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code irm diagnose TARGET...|all}: every read-only check for the targets, judged; Nagios exit codes. */
@Command(name = "diagnose", description = "Run the read-only checks of the given targets and judge them (exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN).")
public final class DiagnoseCommand implements Callable<Integer>, OutputOption.Formats, ConnectionOptions.TargetParameter {
    @ParentCommand
    IrmCommand root;

    /** Described (the targets of this build) where the CommandLine is built. */
    @Parameters(paramLabel = "TARGET", arity = "1..*", description = "A target or all.")
    List<String> targets = new ArrayList<>();

    @Mixin
    OutputOption output;

    @Mixin
    ConnectionOptions connections;

    @Override
    public Integer call() {
        Renderer<DiagnoseResult> renderer = output.renderer(DiagnoseRenderers.ALL);
        Session session = new Session(root);
        Duration deadline = session.deadline();
        List<String> chosen = chosenTargets(session);
        Diagnoser diagnoser = new Diagnoser(session.registry(), session.catalog(), session.contextVariables(), stepTimeout(deadline));
        DiagnoseResult result;
        try (ConnectorPool pool = new ConnectorPool(session.registry(), session.connections(connections, chosen))) {
            result = diagnoser.diagnose(chosen, pool, deadline);
        }
        DrillObserver.diagnosed(session, result);
        session.out().print(renderer.render(result, new RenderContext("diagnose", session.contextName(), session.style())));
        return result.status().exitCode();
    }

    @Override
    public List<String> formats() {
        return DiagnoseRenderers.ALL.formats();
    }

    static Duration stepTimeout(Duration deadline) {
        Duration fiveSeconds = Duration.ofSeconds(5);
        return deadline.compareTo(fiveSeconds) < 0 ? deadline : fiveSeconds;
    }

    /** What {@code diagnose all} diagnoses on the session's context. */
    static List<String> allTargets(Session session) {
        return allOf(session, Diagnoser.targetsWithDiagnostics(session.catalog(), session.registry()));
    }

    /** {@code all}: the context's {@code targets} when it lists them, else every target with diagnostics. */
    private static List<String> allOf(Session session, List<String> available) {
        dev.irm.config.ContextConfig context = session.context();
        if (context == null || context.targets() == null) {
            return available;
        }
        for (String t : context.targets()) {
            if (!available.contains(t)) {
                throw IrmException.invalid(session.configStore().file() + ": context " + session.contextName() + ": targets: unknown target '"
                        + t + "' (expected: " + String.join(", ", available) + ")");
            }
        }
        return context.targets();
    }

    private List<String> chosenTargets(Session session) {
        List<String> available = Diagnoser.targetsWithDiagnostics(session.catalog(), session.registry());
        LinkedHashSet<String> chosen = new LinkedHashSet<>();
        for (String t : targets) {
            if (t.equals("all")) {
                chosen.addAll(allOf(session, available));
            } else if (session.registry().factory(t).isEmpty()) {
                throw IrmException.usage("unknown target '" + t + "' (expected: " + String.join(", ", session.registry().targets()) + ", all)");
            } else if (!available.contains(t)) {
                throw IrmException.usage("target '" + t + "' has no diagnostics in this build (available: " + String.join(", ", available) + ")");
            } else {
                chosen.add(t);
            }
        }
        return List.copyOf(chosen);
    }
}
