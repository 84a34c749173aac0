package dev.irm.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Wall times of repeated runs: median, min, max. A measurement that failed has no times and an error. */
record Timing(String name, List<Long> millis, String note, String error) {

    Timing(String name, List<Long> millis, String note) {
        this(name, millis, note, null);
    }

    static Timing failed(String name, String note, String error) {
        return new Timing(name, List.of(), note, error);
    }

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

    /** This timing with a note, e.g. the verdict against its target, appended. */
    Timing withNote(String more) {
        return new Timing(name, millis, note == null || note.isEmpty() ? more : note + "; " + more, error);
    }

    String row() {
        String text = (note == null ? "" : note) + (error == null ? "" : (note == null || note.isEmpty() ? "" : "; ") + "**ERROR**: " + error);
        if (error != null && millis.isEmpty()) {
            return String.format(Locale.ROOT, "| %s | – | – | – | 0 | %s |", Markdown.cell(name), Markdown.cell(text));
        }
        return String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %s |", Markdown.cell(name), median(), min(), max(), millis.size(),
                Markdown.cell(text));
    }
}
