package dev.irm.connector.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When the samples already settle a hit window, on counters given here (no clock, no server). */
class HitWindowTest {
    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final long MS = 1_000_000L;

    private static HitWindow samples(long... msHitsMisses) {
        HitWindow w = new HitWindow();
        for (int i = 0; i < msHitsMisses.length; i += 3) {
            w.add(new HitWindow.Sample(msHitsMisses[i] * MS, msHitsMisses[i + 1], msHitsMisses[i + 2]));
        }
        return w;
    }

    /** Whether these samples settle a 1 s window needing 100 lookups, 1,000 enough. */
    private static boolean told(long... msHitsMisses) {
        return samples(msHitsMisses).told(SECOND, 100, 1_000);
    }

    @Test
    void busyTrafficSettlesTheWindowFromAFifthOfItOn() {
        assertFalse(told(0, 500, 0, 150, 2_500, 900), "before a fifth of the window, however busy");
        assertTrue(told(0, 500, 0, 200, 1_200, 300), "1,000 lookups at 200 ms");
    }

    @Test
    void moderateTrafficWaitsForTheWholeWindow() {
        assertFalse(told(0, 0, 0, 200, 30, 10, 600, 90, 30), "120 lookups in 600 ms: neither enough nor too few");
    }

    @Test
    void trafficTooLittleForTheWholeWindowEndsItEarly() {
        assertTrue(told(0, 7, 3, 200, 11, 5), "6 lookups in 200 ms: 30 over the window, under half of 100");
        assertFalse(told(0, 7, 3, 200, 17, 5), "12 lookups in 200 ms: 60 over the window, over half of 100");
    }

    @Test
    void countersThatWentBackwardsNeverEndItEarly() {
        assertFalse(told(0, 9_000, 100, 300, 0, 0), "CONFIG RESETSTAT or a restart in between");
    }

    @Test
    void theFirstLookIsAFifthOfTheWindowAfterTheFirstSample() {
        HitWindow w = samples(100, 0, 0);
        assertEquals(Duration.ofMillis(150), w.untilFirstLook(SECOND, 150 * MS));
        assertEquals(Duration.ZERO, w.untilFirstLook(SECOND, 400 * MS));
        assertEquals(Duration.ofMillis(950), w.missing(SECOND, 150 * MS));
    }

    @Test
    void aLongLivedConnectionKeepsFewSamplesButStillAWindowOldOne() {
        HitWindow w = new HitWindow();
        for (long s = 0; s <= 60; s++) {
            w.add(new HitWindow.Sample(s * 1_000 * MS, s * 10, 0));
        }
        HitWindow.Sample base = w.baseline(SECOND, 60_000 * MS);
        assertEquals(59_000 * MS, base.nanos(), "the newest sample at least the window old");
        assertEquals(50_000 * MS, w.baseline(Duration.ofSeconds(10), 60_000 * MS).nanos());
    }
}
