package dev.irm.bench;

import java.util.Locale;

/** A target of issue 7 §3 and the verdict of a measured value against it. */
record Target(String text, double limit, boolean atMost, String unit) {

    static Target atMost(double limit, String unit) {
        return new Target("target ≤ " + num(limit) + " " + unit, limit, true, unit);
    }

    static Target atLeast(double limit, String unit) {
        return new Target("target ≥ " + num(limit) + unit, limit, false, unit);
    }

    /** e.g. "target ≤ 200 ms: met" or "target ≤ 200 ms: MISSED by 35 ms (+18 %)". */
    String verdict(double value) {
        if (value < 0) {
            return text + ": not measured";
        }
        boolean met = atMost ? value <= limit : value >= limit;
        if (met) {
            return text + ": met";
        }
        double by = Math.abs(value - limit);
        return String.format(Locale.ROOT, "%s: MISSED by %s %s (%s%.0f %%)", text, num(by), unit.trim(), atMost ? "+" : "−",
                by * 100 / limit);
    }

    static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
