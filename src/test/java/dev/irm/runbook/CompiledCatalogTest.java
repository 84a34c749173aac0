package dev.irm.runbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.irm.connector.ConnectorRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The compiled built-in catalog the build wrote is what the loader makes of runbooks/*.yaml now. */
class CompiledCatalogTest {
    private final ConnectorRegistry registry = ConnectorRegistry.discover();

    @Test
    void compiledCatalogEqualsTheYamlLoadedToday() {
        List<LoadedRunbook> compiled = CompiledCatalog.builtInsFor(registry);
        assertNotNull(compiled, "the build writes " + CompiledCatalog.RESOURCE + " for these connectors");
        List<LoadedRunbook> yaml = RunbookCatalog.builtInsFromYaml(registry);
        assertEquals(RunbookCatalog.readBuiltIns().size(), yaml.size());
        assertEquals(yaml.size(), compiled.size());
        for (int i = 0; i < yaml.size(); i++) {
            LoadedRunbook want = yaml.get(i);
            LoadedRunbook got = compiled.get(i);
            assertEquals(want.file(), got.file());
            assertTrue(got.builtIn());
            assertEquals(want.runbook(), got.runbook(), want.file());
            assertEquals(locations(want), locations(got), want.file() + ": source locations");
        }
    }

    @Test
    void catalogServesTheCompiledBuiltIns() {
        List<LoadedRunbook> compiled = CompiledCatalog.builtInsFor(registry);
        List<LoadedRunbook> loaded = List.copyOf(RunbookCatalog.load(List.of(), registry).all());
        assertEquals(compiled.stream().map(LoadedRunbook::runbook).toList(), loaded.stream().map(LoadedRunbook::runbook).toList());
    }

    @Test
    void otherConnectorsGetTheYamlInstead() {
        assertNull(CompiledCatalog.builtInsFor(new ConnectorRegistry(List.of())));
    }

    /** Every located part's location, in document order. */
    private static List<SourceLocation> locations(LoadedRunbook r) {
        List<SourceLocation> out = new ArrayList<>();
        out.add(r.locationOf(r.runbook()));
        r.runbook().variables().values().forEach(v -> out.add(r.locationOf(v)));
        for (Step s : r.runbook().steps()) {
            out.add(r.locationOf(s));
            s.checks().forEach(c -> out.add(r.locationOf(c)));
        }
        return out;
    }
}
