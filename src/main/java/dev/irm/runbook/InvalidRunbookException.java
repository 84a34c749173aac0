package dev.irm.runbook;

import dev.irm.support.ExitCode;
import dev.irm.support.IrmException;
import java.util.List;
import java.util.stream.Collectors;

/** A runbook that failed to load or validate; carries every problem found, one per line. */
public class InvalidRunbookException extends IrmException {
    private final List<RunbookProblem> problems;

    public InvalidRunbookException(List<RunbookProblem> problems) {
        super(ExitCode.INVALID, problems.stream().map(RunbookProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<RunbookProblem> problems() {
        return problems;
    }
}
