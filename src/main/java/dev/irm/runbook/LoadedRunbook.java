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

    /** Where a part of this runbook (the runbook, a step, a check, a variable) was written. */
    public SourceLocation locate(Object part) {
        SourceLocation at = locations.get(part);
        return at != null ? at : SourceLocation.of(file);
    }
}
