package dev.irm.render;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table whose columns line up with wide characters too. */
public final class Table {
    private final List<String[]> rows = new ArrayList<>();
    private final String[] header;

    public Table(String... header) {
        this.header = header;
    }

    public Table row(String... cells) {
        rows.add(cells);
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public String render() {
        int[] widths = new int[header.length];
        List<String[]> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        for (String[] r : all) {
            for (int i = 0; i < widths.length && i < r.length; i++) {
                widths[i] = Math.max(widths[i], TextWidth.of(r[i] == null ? "" : r[i]));
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] r : all) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                String cell = i < r.length && r[i] != null ? r[i] : "";
                line.append(i == widths.length - 1 ? cell : TextWidth.pad(cell, widths[i] + 2));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
