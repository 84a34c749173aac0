package dev.irm.drill;

import java.time.Instant;
import java.util.List;

/**
 * What one {@code irm diagnose} or {@code irm triage} showed during a drill: each runbook its
 * findings (diagnose) or its top match (triage) pointed at, with the evidence in words.
 */
public record JournalEntry(Instant at, String command, String context, List<Pointer> pointers) {

    public JournalEntry {
        pointers = pointers == null ? List.of() : List.copyOf(pointers);
    }

    /** A runbook and what pointed at it, e.g. "CRITICAL redis.memory: used_memory is 96% of maxmemory". */
    public record Pointer(String runbook, String evidence) {
    }

    /** The pointer to the runbook the drill's findings name, else to its injected runbook; null when neither. */
    public Pointer pointerTo(DrillState drill) {
        Pointer found = pointerTo(drill.findingRunbook());
        return found != null ? found : pointerTo(drill.runbook());
    }

    public Pointer pointerTo(String runbook) {
        return pointers.stream().filter(p -> runbook.equals(p.runbook())).findFirst().orElse(null);
    }
}
