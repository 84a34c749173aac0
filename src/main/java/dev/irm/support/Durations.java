package dev.irm.support;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them: {@code 500ms}, {@code 2s}, {@code 5m}, {@code 1h}, {@code 1d}. */
public final class Durations {
    private static final Pattern FORM = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");
    /** No duration irm waits for is longer; beyond it arithmetic on it could overflow. */
    public static final Duration LONGEST = Duration.ofDays(366);
    /** A per-call timeout: a call that needs longer is a finding about slowness, not a reason to hang. */
    public static final Duration LONGEST_CALL = Duration.ofSeconds(30);

    private Durations() {
    }

    public static Duration parse(String text) {
        return parse(text, LONGEST);
    }

    /** As {@link #parse(String)}, refusing a duration longer than {@code longest}. */
    public static Duration parse(String text, Duration longest) {
        Matcher m = text == null || text.length() > 20 ? null : FORM.matcher(text.trim());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("'" + dev.irm.support.BoundedInput.echo(text) + "' is not a duration (e.g. 500ms, 2s, 5m, 1h)");
        }
        Duration d = of(Long.parseLong(m.group(1)), m.group(2));
        if (d.compareTo(longest) > 0) {
            throw new IllegalArgumentException("'" + text.trim() + "' is longer than the " + show(longest) + " allowed");
        }
        return d;
    }

    /** A duration in the form it is written: {@code 30s}, {@code 366d}. */
    public static String show(Duration d) {
        if (d.toMillis() % 1000 != 0) {
            return d.toMillis() + "ms";
        }
        long s = d.toSeconds();
        return s % 86_400 == 0 ? s / 86_400 + "d" : s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
    }

    private static Duration of(long n, String unit) {
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
