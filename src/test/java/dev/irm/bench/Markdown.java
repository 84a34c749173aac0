package dev.irm.bench;

/** Table-cell text: one line, no pipes. */
final class Markdown {
    private Markdown() {
    }

    static String cell(Object value) {
        return String.valueOf(value).replace("\r", "").replace("\n", " ⏎ ").replace("|", "\\|");
    }
}
