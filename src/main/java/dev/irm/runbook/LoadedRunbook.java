package dev.irm.runbook;

import java.util.IdentityHashMap;
import java.util.Map;

/** A parsed runbook together with the file it came from and where each of its parts was written. */
public final class LoadedRunbook {
    private final Runbook runbook;
    private final String file;
    private final boolean builtIn;
    private final Map<Object, SourceLocation> locations;

    LoadedRunbook(Runbook runbook, String file, boolean builtIn, IdentityHashMap<Object, SourceLocation> locations) {
        this.runbook = runbook;
        this.file = file;
        this.builtIn = builtIn;
        this.locations = locations;
    }

    public Runbook runbook() {
        return runbook;
    }

    public String id() {
        return runbook.id();
    }

    public String file() {
        return file;
    }

    public boolean builtIn() {
        return builtIn;
    }

    /** The same runbook with each step replaced by {@code replace}'s answer; locations follow the steps. */
    LoadedRunbook withSteps(java.util.function.UnaryOperator<Step> replace) {
        java.util.List<Step> steps = runbook.steps().stream().map(replace).toList();
        if (java.util.stream.IntStream.range(0, steps.size()).allMatch(i -> steps.get(i) == runbook.steps().get(i))) {
            return this; // nothing replaced (every built-in after the build raised its risks): no copy
        }
        IdentityHashMap<Object, SourceLocation> moved = new IdentityHashMap<>(locations);
        for (int i = 0; i < steps.size(); i++) {
            Step old = runbook.steps().get(i);
            Step now = steps.get(i);
            if (now != old && moved.containsKey(old)) {
                moved.put(now, moved.remove(old));
            }
        }
        Runbook r = runbook;
        Runbook changed = new Runbook(r.id(), r.title(), r.severity(), r.summary(), r.tags(), r.symptoms(), r.targets(), r.variables(), steps, r.i18n());
        if (moved.containsKey(r)) {
            moved.put(changed, moved.remove(r));
        }
        return new LoadedRunbook(changed, file, builtIn, moved);
    }

    /** Where the loader saw {@code part} written, or null when it did not locate it. */
    SourceLocation locationOf(Object part) {
        return locations.get(part);
    }

    /** Where a part of this runbook (the runbook, a step, a check, a variable) was written. */
    public SourceLocation locate(Object part) {
        SourceLocation at = locations.get(part);
        return at != null ? at : SourceLocation.of(file);
    }
}
