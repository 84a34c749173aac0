package dev.irm.cli;

import dev.irm.drill.DrillFiles;
import dev.irm.drill.DrillState;
import dev.irm.drill.DrillStore;
import dev.irm.drill.JournalEntry;
import dev.irm.engine.DiagnoseResult;
import dev.irm.engine.Finding;
import dev.irm.runbook.Triage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What diagnose, triage and run tell a drill under way: one journal line per diagnose on the drill's
 * context or triage (anywhere), and whether runs must be dry. Never fails the command it observes:
 * without a drill it costs one file lookup, and a damaged drill state only means nothing is noted.
 */
final class DrillObserver {
    private DrillObserver() {
    }

    static void diagnosed(Session session, DiagnoseResult result) {
        if (active(session).filter(d -> d.context().equals(session.contextName())).isEmpty()) {
            return; // another context's diagnose is not the drill's: neither the watcher, the report nor the score count it
        }
        List<JournalEntry.Pointer> pointers = result.findings().stream().filter(f -> f.runbook() != null)
                .map(f -> new JournalEntry.Pointer(f.runbook(), evidence(f))).toList();
        note(session, "diagnose", pointers);
    }

    static void triaged(Session session, List<Triage.Match> matches) {
        if (active(session).isEmpty()) {
            return;
        }
        note(session, "triage", matches.isEmpty() ? List.of()
                : List.of(new JournalEntry.Pointer(matches.get(0).id(), "top match " + matches.get(0).id()
                        + (matches.get(0).matched() == null ? "" : " (" + matches.get(0).matched() + ")"))));
    }

    /** True when a dry drill is running on this command's context: its runs only preview. */
    static boolean dryDrill(Session session) {
        return active(session).filter(d -> d.dryRun() && d.context().equals(session.contextName())).isPresent();
    }

    /** Journals one line; the caller has found the drill under way. */
    private static void note(Session session, String command, List<JournalEntry.Pointer> pointers) {
        try {
            store(session).note(new JournalEntry(Instant.now(), command, session.contextName(), pointers));
        } catch (RuntimeException ignored) {
            // the command's own result matters more than the drill's journal
        }
    }

    private static Optional<DrillState> active(Session session) {
        try {
            return store(session).active();
        } catch (RuntimeException damaged) {
            return Optional.empty();
        }
    }

    static DrillStore store(Session session) {
        return new DrillStore(DrillFiles.of(session.environment().env()));
    }

    private static String evidence(Finding f) {
        return f.severity() + " " + f.check() + ": " + f.summary();
    }
}
