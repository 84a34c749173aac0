package dev.irm.runbook;

import java.util.Locale;

/** Display helpers for summaries, callable from templates as {@code fmt:bytes(x)} and so on. */
public final class Format {
    static final Format INSTANCE = new Format();

    private Format() {
    }

    public String bytes(Object value) {
        double bytes = number(value);
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int unit = 0;
        while (Math.abs(bytes) >= 1024 && unit < units.length - 1) {
            bytes /= 1024;
            unit++;
        }
        return unit == 0 ? String.format(Locale.ROOT, "%.0f B", bytes) : String.format(Locale.ROOT, "%.2f %s", bytes, units[unit]);
    }

    public String pct(Object value) {
        return String.format(Locale.ROOT, "%.1f%%", number(value));
    }

    public String num(Object value) {
        double n = number(value);
        return n == Math.rint(n) ? String.format(Locale.ROOT, "%,d", (long) n) : String.format(Locale.ROOT, "%,.2f", n);
    }

    public String duration(Object seconds) {
        long s = (long) number(seconds);
        if (s < 120) {
            return s + " s";
        }
        if (s < 7200) {
            return String.format(Locale.ROOT, "%d min %d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %d min", s / 3600, (s % 3600) / 60);
    }

    private static double number(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(value));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
