package dev.irm.runbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.irm.connector.ConnectorRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuiltInPrefetchTest {
    private final ConnectorRegistry registry = ConnectorRegistry.discover();

    /** The fallback when the jar has no compiled catalog (see CompiledCatalog): the same runbooks, parsed on a background thread. */
    @Test
    void prefetchedBuiltInsAreTheOnesLoadedOnTheCallingThread() {
        List<String> direct = ids(RunbookCatalog.load(List.of(), registry));
        BuiltInPrefetch.start();
        BuiltInPrefetch.Result prefetched = BuiltInPrefetch.take(registry);
        assertNotNull(prefetched);
        assertEquals(direct, prefetched.parsed().stream().map(p -> p.runbook().id()).toList());
        assertNull(BuiltInPrefetch.take(registry), "the prefetch is used once");
    }

    @Test
    void prefetchMadeWithOtherConnectorsIsNotUsed() {
        BuiltInPrefetch.start();
        assertNull(BuiltInPrefetch.take(new ConnectorRegistry(List.of())));
    }

    private static List<String> ids(RunbookCatalog catalog) {
        return catalog.all().stream().map(LoadedRunbook::id).toList();
    }
}
