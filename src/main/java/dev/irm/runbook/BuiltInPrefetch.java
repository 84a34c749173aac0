package dev.irm.runbook;

import dev.irm.connector.ConnectorRegistry;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Start-up: the built-in runbooks are read, parsed and validated one by one on a background
 * thread while the command line is being built, the same work {@link RunbookCatalog} would do
 * first. The catalog takes the result once, checks it was made against the same connectors, and
 * still does the whole-catalog checks (ids, check owners, named runbooks) itself. If anything went
 * wrong here, the catalog simply does the work again on the calling thread and reports it there.
 */
final class BuiltInPrefetch {
    private static final AtomicReference<FutureTask<Result>> RUNNING = new AtomicReference<>();

    /** One built-in file: its runbook, or the problems that kept it from parsing. */
    record Parsed(LoadedRunbook runbook, List<RunbookProblem> parseProblems) {
    }

    record Result(List<String> targets, List<String> actions, List<Parsed> parsed,
                  Map<LoadedRunbook, List<RunbookProblem>> validation) {
    }

    private BuiltInPrefetch() {
    }

    static void start() {
        FutureTask<Result> task = new FutureTask<>(BuiltInPrefetch::work);
        if (RUNNING.compareAndSet(null, task)) {
            daemon(task, "irm-runbooks");
        }
    }

    /** The prefetched built-ins if they were made against connectors like {@code registry}; once. */
    static Result take(ConnectorRegistry registry) {
        FutureTask<Result> task = RUNNING.getAndSet(null);
        if (task == null) {
            return null;
        }
        try {
            Result result = task.get();
            boolean sameConnectors = result.targets().equals(registry.targets()) && result.actions().equals(actionNames(registry));
            return sameConnectors ? result : null;
        } catch (ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static Result work() throws ExecutionException, InterruptedException {
        FutureTask<ConnectorRegistry> connectors = new FutureTask<>(BuiltInPrefetch::connectorsAndExpressions);
        daemon(connectors, "irm-connectors");
        RunbookLoader loader = new RunbookLoader();
        List<Parsed> parsed = new ArrayList<>();
        for (Map.Entry<String, String> builtIn : RunbookCatalog.readBuiltIns().entrySet()) {
            try {
                parsed.add(new Parsed(loader.parse(builtIn.getKey(), builtIn.getValue(), true), List.of()));
            } catch (InvalidRunbookException e) {
                parsed.add(new Parsed(null, e.problems()));
            }
        }
        ConnectorRegistry registry = connectors.get();
        RunbookValidator validator = new RunbookValidator(registry);
        Map<LoadedRunbook, List<RunbookProblem>> validation = new IdentityHashMap<>();
        for (Parsed p : parsed) {
            if (p.runbook() != null) {
                validation.put(p.runbook(), validator.validate(p.runbook()));
            }
        }
        return new Result(registry.targets(), actionNames(registry), parsed, validation);
    }

    /** Runs beside the YAML parsing: discovering connectors and starting the expression engine are independent of it. */
    private static ConnectorRegistry connectorsAndExpressions() {
        try {
            Expressions.checkExpression("1 == 1");
        } catch (IllegalArgumentException e) {
            // only a warm-up; validation reports real problems
        }
        return ConnectorRegistry.discover();
    }

    private static void daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static List<String> actionNames(ConnectorRegistry registry) {
        return registry.actions().stream().map(a -> a.qualifiedName()).toList();
    }
}
