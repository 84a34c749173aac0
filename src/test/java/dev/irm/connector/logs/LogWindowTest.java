package dev.irm.connector.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A narrower window cut from a wider read gives what the API server would have sent for it. */
class LogWindowTest {
    private final Instant now = Instant.parse("2026-12-02T05:00:00Z");
    private final String log = now.minusSeconds(7200) + " old\n"
            + now.minusSeconds(1200) + " twenty minutes ago\n"
            + "\tat a continuation of it\n"
            + now.minusSeconds(60) + " a minute ago\n";
    private final LogWindow read = new LogWindow(49 * 3600, 20000, log);

    @Test
    void cutsByTimeThenKeepsTheNewestLines() {
        assertEquals(now.minusSeconds(60) + " a minute ago\n", read.cut(600, 5000, now));
        assertEquals(now.minusSeconds(1200) + " twenty minutes ago\n\tat a continuation of it\n" + now.minusSeconds(60) + " a minute ago\n",
                read.cut(1800, 5000, now));
        assertEquals(now.minusSeconds(60) + " a minute ago\n", read.cut(1800, 1, now));
        assertEquals("", read.cut(10, 5000, now));
        assertEquals(log, read.cut(49 * 3600, 20000, now));
    }

    @Test
    void coversOnlyNarrowerWindowsAndShorterTails() {
        assertTrue(read.covers(600, 5000));
        assertFalse(read.covers(50 * 3600, 100));
        assertFalse(read.covers(600, 100_000));
    }
}
