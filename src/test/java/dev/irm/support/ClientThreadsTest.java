package dev.irm.support;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An HTTP client's selector thread, parked in native code, ends when released (the JVM's exit would wait for it). */
class ClientThreadsTest {
    @Test
    void aLiveClientsSelectorThreadEndsWhenReleased() throws InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        List<Thread> selectors = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().matches("HttpClient-\\d+-SelectorManager") && t.isAlive()).toList();
        assertFalse(selectors.isEmpty(), "a new client starts its selector thread");
        ClientThreads.releaseBeforeExit();
        for (Thread t : selectors) {
            t.join(10_000);
            assertFalse(t.isAlive(), t.getName() + " still running");
        }
        assertTrue(client.version() != null, "the client itself stayed referenced: the thread ended by the interrupt, not by GC");
    }
}
