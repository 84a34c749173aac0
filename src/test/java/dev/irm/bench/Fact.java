package dev.irm.bench;

/** A figure that is not a series of wall times (a ratio, a count, a peak RSS, a step's own duration), with its note. */
record Fact(String name, Object value, String note) {
    String row() {
        return "| " + Markdown.cell(name) + " | " + Markdown.cell(value) + " | " + Markdown.cell(note == null ? "" : note) + " |";
    }
}
