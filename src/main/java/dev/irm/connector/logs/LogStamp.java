package dev.irm.connector.logs;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * The RFC 3339 UTC stamp Docker and Kubernetes put before each log line ({@code 2026-11-21T23:00:00.123456789Z}),
 * read with digit arithmetic: every log step reads every line's stamp, and {@link Instant#parse} on a cold JVM
 * cost ~20 µs a line (~40 ms a step at 1,000 lines). Anything else (an offset, a leap second) goes to
 * {@link Instant#parse}, so the answer is always the same as its.
 */
public final class LogStamp {
    private LogStamp() {
    }

    /** The instant of a stamp; {@link DateTimeParseException} when it is not one. */
    public static Instant parse(CharSequence s) {
        int n = s.length();
        if (n >= 20 && n <= 30 && s.charAt(n - 1) == 'Z' && s.charAt(4) == '-' && s.charAt(7) == '-' && s.charAt(10) == 'T'
                && s.charAt(13) == ':' && s.charAt(16) == ':') {
            int year = digits(s, 0, 4);
            int month = digits(s, 5, 7);
            int day = digits(s, 8, 10);
            int hour = digits(s, 11, 13);
            int minute = digits(s, 14, 16);
            int second = digits(s, 17, 19);
            int nanos = fraction(s, 19, n - 1);
            if (year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour >= 0 && hour <= 23 && minute >= 0
                    && minute <= 59 && second >= 0 && second <= 59 && nanos >= 0 && day <= LocalDate.of(year, month, 1).lengthOfMonth()) {
                long epochDay = LocalDate.of(year, month, day).toEpochDay();
                return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
            }
        }
        return Instant.parse(s);
    }

    /** The digits of {@code s[from, to)} as a number; -1 if one is not a digit. */
    private static int digits(CharSequence s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** Nanoseconds of an optional {@code .d…} (1–9 digits) at {@code s[from, to)}; 0 when absent, -1 when malformed. */
    private static int fraction(CharSequence s, int from, int to) {
        if (from == to) {
            return 0;
        }
        int width = to - from - 1;
        if (s.charAt(from) != '.' || width < 1 || width > 9) {
            return -1;
        }
        int v = digits(s, from + 1, to);
        for (int i = width; i < 9 && v >= 0; i++) {
            v *= 10;
        }
        return v;
    }
}
