package dev.irm.connector.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast stamp reader answers exactly as {@link Instant#parse}: same instant, same refusal. */
class LogStampTest {

    @Test
    void agreesWithInstantParseOnStampsOfEveryFractionWidth() {
        Random random = new Random(20261204);
        for (int i = 0; i < 20_000; i++) {
            long second = random.nextLong(Instant.parse("1999-01-01T00:00:00Z").getEpochSecond(), Instant.parse("2101-01-01T00:00:00Z").getEpochSecond());
            int nanos = random.nextInt(1_000_000_000);
            String full = Instant.ofEpochSecond(second, nanos).toString(); // Instant.toString trims the fraction to 0, 3, 6 or 9 digits
            int width = random.nextInt(10);
            String stamp = full.substring(0, 19) + (width == 0 ? "" : "." + String.format("%09d", nanos).substring(0, width)) + "Z";
            assertEquals(Instant.parse(stamp), LogStamp.parse(stamp), stamp);
        }
    }

    @Test
    void calendarEdgesAndWhatItHandsOnAgreeToo() {
        for (String stamp : List.of("2024-02-29T23:59:59.999999999Z", "2026-12-31T23:59:59Z", "2026-01-01T00:00:00.1Z", "1970-01-01T00:00:00Z",
                "2016-12-31T23:59:60Z", "2026-12-04T19:00:00+09:00", "2026-12-04T19:00:00.123z", "2026-12-04T24:00:00Z")) {
            assertEquals(Instant.parse(stamp), LogStamp.parse(stamp), stamp);
        }
    }

    @Test
    void refusesWhatInstantParseRefuses() {
        for (String notStamp : List.of("2026-02-29T10:00:00Z", "2026-13-01T10:00:00Z", "2026-12-04T19:00:00.1234567890Z",
                "2026-12-04 19:00:00Z", "2026-12-04T19:0a:00Z", "INFO", "[좌석점유정리]")) {
            assertThrows(DateTimeParseException.class, () -> Instant.parse(notStamp), notStamp);
            assertThrows(DateTimeParseException.class, () -> LogStamp.parse(notStamp), notStamp);
        }
    }
}
