package dev.irm.cli;

import dev.irm.render.Style;
import dev.irm.render.Table;
import dev.irm.runbook.LoadedRunbook;
import dev.irm.runbook.Triage;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;

/**
 * {@code irm} on a terminal: every runbook by severity with its first symptom; the person types
 * its number, or describes the symptom (ranked as {@code irm triage} does) and picks from the
 * ranking. Returns the chosen runbook id, or null to leave.
 */
final class HomeScreen {
    private final KeyReader keys;
    private final PrintWriter out;
    private final Style style;
    private final List<LoadedRunbook> runbooks;

    HomeScreen(KeyReader keys, Style style, java.util.Collection<LoadedRunbook> all) {
        this.keys = keys;
        this.out = keys.out();
        this.style = style;
        this.runbooks = all.stream()
                .sorted(Comparator.comparing((LoadedRunbook r) -> r.runbook().severity()).thenComparing(LoadedRunbook::id))
                .toList();
    }

    String pick() {
        out.println(style.bold("irm — what is happening?"));
        out.println();
        Table table = new Table("#", "SEVERITY", "RUNBOOK", "TITLE", "SYMPTOM");
        for (int i = 0; i < runbooks.size(); i++) {
            var r = runbooks.get(i).runbook();
            table.row(String.valueOf(i + 1), r.severity().name(), r.id(), r.title(), r.symptoms().isEmpty() ? "" : r.symptoms().get(0));
        }
        out.print(table.render());
        out.println();
        while (true) {
            String typed = keys.line(style.faint("Number, or describe the symptom (empty to leave) › "));
            if (typed == null || typed.isBlank() || typed.equalsIgnoreCase("q")) {
                return null;
            }
            String chosen = byNumber(typed, runbooks);
            if (chosen != null) {
                return chosen;
            }
            List<Triage.Match> ranked = Triage.rank(typed, runbooks).stream().limit(5).toList();
            if (ranked.isEmpty()) {
                out.println("   no runbook declares that symptom; try other words or a number");
                continue;
            }
            for (int i = 0; i < ranked.size(); i++) {
                Triage.Match m = ranked.get(i);
                out.println("   " + (i + 1) + ". " + style.bold(m.runbook().runbook().title()) + "  " + style.faint(m.id() + " · "
                        + m.runbook().runbook().severity() + (m.matched() == null ? "" : " · " + m.matched())));
            }
            String pick = keys.line(style.faint("Start which? [1] › "));
            if (pick == null) {
                return null;
            }
            chosen = pick.isBlank() ? ranked.get(0).id() : byNumber(pick, ranked.stream().map(Triage.Match::runbook).toList());
            if (chosen != null) {
                return chosen;
            }
        }
    }

    private static String byNumber(String typed, List<LoadedRunbook> list) {
        if (!typed.matches("\\d{1,3}")) {
            return null;
        }
        int n = Integer.parseInt(typed);
        return n >= 1 && n <= list.size() ? list.get(n - 1).id() : null;
    }
}
