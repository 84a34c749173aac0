package dev.irm.engine;

import dev.irm.ExitCode;
import java.util.Collection;

/** Outcome of a check, a target and a whole command (CONTRACT.md). SKIPPED never raises a worst-of. */
public enum Status {
    OK(0, ExitCode.OK),
    SKIPPED(-1, ExitCode.OK),
    WARNING(1, ExitCode.WARNING),
    UNKNOWN(2, ExitCode.UNKNOWN),
    CRITICAL(3, ExitCode.CRITICAL);

    private final int rank;
    private final int exitCode;

    Status(int rank, int exitCode) {
        this.rank = rank;
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    public boolean isFinding() {
        return this == WARNING || this == CRITICAL || this == UNKNOWN;
    }

    /** Ordering for "worst first": CRITICAL, UNKNOWN, WARNING, OK, SKIPPED. */
    public int rank() {
        return rank;
    }

    public static Status worst(Collection<Status> statuses) {
        Status worst = null;
        for (Status s : statuses) {
            if (worst == null || s.rank > worst.rank) {
                worst = s;
            }
        }
        return worst == null ? SKIPPED : worst == SKIPPED ? SKIPPED : worst;
    }

    /** Worst of a set where an all-SKIPPED set reads as OK for a command's exit code. */
    public static Status overall(Collection<Status> statuses) {
        Status worst = worst(statuses);
        return worst == SKIPPED ? OK : worst;
    }
}
