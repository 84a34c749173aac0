package dev.irm.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Wall times of repeated runs: median, min, max, spread. */
record Timing(String name, List<Long> millis, String note) {

    long median() {
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        int n = sorted.size();
        return n == 0 ? -1 : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    long min() {
        return millis.stream().mapToLong(Long::longValue).min().orElse(-1);
    }

    long max() {
        return millis.stream().mapToLong(Long::longValue).max().orElse(-1);
    }

    String row() {
        return String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %s |", name, median(), min(), max(), millis.size(),
                note == null ? "" : note);
    }
}
