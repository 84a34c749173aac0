package dev.irm.cli;

import dev.irm.IrmException;
import dev.irm.render.Json;
import dev.irm.render.RunbookDocument;
import dev.irm.runbook.LoadedRunbook;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code irm show RUNBOOK}: a runbook as a document to read. */
@Command(name = "show", description = "Show a runbook: symptoms, variables, steps, checks and mitigations.")
public final class ShowCommand implements Callable<Integer> {
    @ParentCommand
    IrmCommand root;

    @Parameters(paramLabel = "RUNBOOK", description = "Runbook id (see 'irm list').")
    String runbookId;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text", description = "text, json or markdown.")
    OutputFormat output;

    @Override
    public Integer call() {
        Session session = new Session(root);
        LoadedRunbook loaded = session.localized(session.catalog().require(runbookId));
        switch (output) {
            case json -> session.out().println(Json.pretty(RunbookDocument.json(loaded)));
            case markdown -> session.out().print(RunbookDocument.markdown(loaded));
            case text -> session.out().print(RunbookDocument.text(loaded, session.style()));
            default -> throw IrmException.usage("-o " + output + ": show writes text, json or markdown");
        }
        return 0;
    }
}
