package dev.irm.runbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.irm.connector.ConnectorRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuiltInPrefetchTest {
    private final ConnectorRegistry registry = ConnectorRegistry.discover();

    @Test
    void prefetchedCatalogIsTheCatalogLoadedOnTheCallingThread() {
        List<String> direct = ids(RunbookCatalog.load(List.of(), registry));
        RunbookCatalog.prefetchBuiltIns();
        List<String> prefetched = ids(RunbookCatalog.load(List.of(), registry));
        assertEquals(direct, prefetched);
        assertNull(BuiltInPrefetch.take(registry), "the prefetch is used once");
    }

    @Test
    void prefetchMadeWithOtherConnectorsIsNotUsed() {
        RunbookCatalog.prefetchBuiltIns();
        assertNull(BuiltInPrefetch.take(new ConnectorRegistry(List.of())));
    }

    private static List<String> ids(RunbookCatalog catalog) {
        return catalog.all().stream().map(LoadedRunbook::id).toList();
    }
}
