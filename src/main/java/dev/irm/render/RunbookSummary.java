package dev.irm.render;

import dev.irm.runbook.LoadedRunbook;
import dev.irm.runbook.Runbook;
import java.util.List;

/** One row of {@code irm list -o json}. */
public record RunbookSummary(String id, String title, String severity, String summary, List<String> tags,
                             List<String> targets, String source) {

    public static RunbookSummary of(LoadedRunbook loaded) {
        Runbook r = loaded.runbook();
        return new RunbookSummary(r.id(), r.title(), r.severity().name(), r.summary(), r.tags(), r.targets(),
                loaded.builtIn() ? "built-in" : loaded.file());
    }
}
