package dev.irm.cli;

import dev.irm.support.ExitCode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code irm __complete runbooks|targets|contexts}: values for the completion script, one a line.
 * Hidden; never fails loudly (a broken runbook folder or config just completes nothing). Loading the
 * catalog or config refreshes {@link CompletionCache}, which the script reads first.
 */
@Command(name = "__complete", hidden = true, description = "Values for shell completion.")
public final class CompleteCommand implements Callable<Integer> {
    @ParentCommand
    IrmCommand root;

    @Parameters(paramLabel = "KIND", description = "runbooks, targets or contexts.")
    String kind;

    @Override
    public Integer call() {
        Session session = new Session(root);
        List<String> values = new ArrayList<>();
        try {
            switch (kind) {
                case "runbooks" -> values.addAll(session.runbookIds());
                case "targets" -> {
                    values.addAll(CompletionCache.targets(session.registry()));
                    CompletionCache.update(session.environment().env(), java.util.Map.of(CompletionCache.TARGETS,
                            new CompletionCache.Entry(CompletionCache.code(), values)));
                }
                case "contexts" -> values.addAll(session.config().contexts().keySet());
                default -> {
                    return ExitCode.USAGE;
                }
            }
        } catch (RuntimeException e) {
            return ExitCode.OK;
        }
        values.forEach(session.out()::println);
        return ExitCode.OK;
    }
}
