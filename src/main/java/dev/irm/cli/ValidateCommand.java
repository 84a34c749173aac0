package dev.irm.cli;

import dev.irm.runbook.RunbookCatalog;
import dev.irm.support.ExitCode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code irm validate [PATH...]}: check runbooks without running anything. */
@Command(name = "validate", description = "Validate runbooks (the built-in set when no path is given). Problems: file:line:col: message, exit 65; "
        + "warnings (text cut at a YAML comment) go to stderr and leave the exit code as it is.")
public final class ValidateCommand implements Callable<Integer> {
    @ParentCommand
    IrmCommand root;

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Runbook files or folders.")
    List<Path> paths = new ArrayList<>();

    @Override
    public Integer call() {
        Session session = new Session(root);
        RunbookCatalog catalog;
        if (paths.isEmpty()) {
            catalog = session.catalog();
            session.warn(RunbookCatalog.builtInWarnings());
        } else {
            catalog = RunbookCatalog.loadFiles(paths, session.registry(), true);
            session.warn(catalog.warnings());
        }
        long checked = paths.isEmpty() ? catalog.all().size() : catalog.all().stream().filter(r -> !r.builtIn()).count();
        session.out().println("ok: " + checked + " runbook" + (checked == 1 ? "" : "s") + " valid");
        return ExitCode.OK;
    }
}
