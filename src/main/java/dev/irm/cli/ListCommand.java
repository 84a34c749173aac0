package dev.irm.cli;

import dev.irm.render.RunbookSummary;
import dev.irm.render.Table;
import dev.irm.runbook.LoadedRunbook;
import dev.irm.support.ExitCode;
import dev.irm.support.Json;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code irm list}: the runbooks irm knows. */
@Command(name = "list", description = "List runbooks (built-in and from --runbooks).")
public final class ListCommand implements Callable<Integer>, OutputOption.Formats {
    @ParentCommand
    IrmCommand root;

    @Option(names = "--tag", paramLabel = "T", description = "Only runbooks with this tag.")
    String tag;

    @Mixin
    OutputOption output;

    @Override
    public List<String> formats() {
        return List.of("table", "json");
    }

    @Override
    public Integer call() {
        String format = output.format();
        Session session = new Session(root);
        List<LoadedRunbook> runbooks = session.localized(session.catalog().all()).stream()
                .filter(r -> tag == null || r.runbook().tags().contains(tag))
                .sorted(Comparator.comparing((LoadedRunbook r) -> r.runbook().severity()).thenComparing(LoadedRunbook::id))
                .toList();
        if (format.equals("json")) {
            session.out().println(Json.pretty(runbooks.stream().map(RunbookSummary::of).toList()));
            return ExitCode.OK;
        }
        Table table = new Table("ID", "SEVERITY", "TARGETS", "TITLE");
        for (LoadedRunbook r : runbooks) {
            table.row(r.id(), r.runbook().severity().name(), String.join(",", r.runbook().targets()), r.runbook().title());
        }
        session.out().print(table.render());
        return ExitCode.OK;
    }
}
