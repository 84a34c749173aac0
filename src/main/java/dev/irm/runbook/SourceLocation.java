package dev.irm.runbook;

/** Where something was written: printed as {@code file:line:col}, the form editors jump to. */
public record SourceLocation(String file, int line, int column) {

    public static SourceLocation of(String file) {
        return new SourceLocation(file, 1, 1);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
