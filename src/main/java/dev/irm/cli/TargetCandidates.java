package dev.irm.cli;

import dev.irm.connector.ConnectorRegistry;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Completion candidates for TARGET. */
public final class TargetCandidates implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        List<String> all = new ArrayList<>(ConnectorRegistry.TARGETS);
        all.add("all");
        return all.iterator();
    }
}
