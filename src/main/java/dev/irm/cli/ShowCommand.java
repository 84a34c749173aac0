package dev.irm.cli;

import dev.irm.render.RunbookDocument;
import dev.irm.runbook.LoadedRunbook;
import dev.irm.support.ExitCode;
import dev.irm.support.Json;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code irm show RUNBOOK}: a runbook as a document to read. */
@Command(name = "show", description = "Show a runbook: symptoms, variables, steps, checks and mitigations.")
public final class ShowCommand implements Callable<Integer>, OutputOption.Formats {
    @ParentCommand
    IrmCommand root;

    @Parameters(paramLabel = "RUNBOOK", description = "Runbook id (see 'irm list').")
    String runbookId;

    @Mixin
    OutputOption output;

    @Override
    public List<String> formats() {
        return List.of("text", "json", "markdown");
    }

    @Override
    public Integer call() {
        Session session = new Session(root);
        LoadedRunbook loaded = session.localized(session.catalog().require(runbookId));
        switch (output.format()) {
            case "json" -> session.out().println(Json.pretty(RunbookDocument.json(loaded)));
            case "markdown" -> session.out().print(RunbookDocument.markdown(loaded));
            case "text" -> session.out().print(RunbookDocument.text(loaded, session.style()));
            default -> throw new IllegalStateException(output.format());
        }
        return ExitCode.OK;
    }
}
