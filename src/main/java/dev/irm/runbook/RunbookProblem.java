package dev.irm.runbook;

import dev.irm.support.BoundedInput;

/** One thing wrong in a runbook, at the place it was written. */
public record RunbookProblem(SourceLocation where, String message) {

    /** Every problem is one bounded line, whatever value it quotes ({@link BoundedInput#line}). */
    public RunbookProblem {
        message = BoundedInput.line(message);
    }

    @Override
    public String toString() {
        return where + ": " + message;
    }
}
