package dev.irm.cli;

import dev.irm.connector.ConnectorRegistry;
import dev.irm.runbook.LoadedRunbook;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code irm __complete runbooks|targets|contexts}: values for the completion script, one a line.
 * Hidden; never fails loudly (a broken runbook folder or config just completes nothing).
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
                case "runbooks" -> session.catalog().all().stream().map(LoadedRunbook::id).sorted().forEach(values::add);
                case "targets" -> {
                    values.addAll(ConnectorRegistry.TARGETS);
                    values.add("all");
                }
                case "contexts" -> values.addAll(session.config().contexts().keySet());
                default -> {
                    return 64;
                }
            }
        } catch (RuntimeException e) {
            return 0;
        }
        values.forEach(session.out()::println);
        return 0;
    }
}
