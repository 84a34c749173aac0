package dev.irm.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An HTTP client's selector thread, parked in native code, is found and ends when interrupted (the JVM's
 * exit would wait for it). Only this test's own client is interrupted: releaseBeforeExit() would stop every
 * HTTP client of the shared test JVM.
 */
class ClientThreadsTest {
    @Test
    void aLiveClientsSelectorThreadIsFoundAndEndsWhenInterrupted() throws InterruptedException {
        List<Thread> before = ClientThreads.selectorThreads();
        HttpClient client = HttpClient.newHttpClient();
        List<Thread> mine = new ArrayList<>(ClientThreads.selectorThreads());
        mine.removeAll(before);
        assertEquals(1, mine.size(), "a new client starts one selector thread: " + mine);
        Thread selector = mine.get(0);
        selector.interrupt();
        selector.join(10_000);
        assertFalse(selector.isAlive(), selector.getName() + " still running");
        assertFalse(ClientThreads.selectorThreads().contains(selector));
        assertTrue(client.version() != null, "the client itself stayed referenced: the thread ended by the interrupt, not by GC");
    }
}
