package dev.irm.runbook;

/** One thing wrong in a runbook, at the place it was written. */
public record RunbookProblem(SourceLocation where, String message) {

    @Override
    public String toString() {
        return where + ": " + message;
    }
}
