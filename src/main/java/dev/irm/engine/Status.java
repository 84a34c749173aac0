package dev.irm.engine;

import dev.irm.support.ExitCode;
import java.util.Collection;
import java.util.Comparator;

/**
 * Outcome of a check, a target and a whole command (CONTRACT.md), and the one place states combine:
 * as monitoring-plugins' {@code max_state_alt}, CRITICAL > WARNING > UNKNOWN > OK > SKIPPED. So a
 * WARNING beside an UNKNOWN is a WARNING (exit 1), and SKIPPED never raises a worst-of.
 */
public enum Status {
    OK(1, ExitCode.OK),
    SKIPPED(0, ExitCode.OK),
    WARNING(3, ExitCode.WARNING),
    UNKNOWN(2, ExitCode.UNKNOWN),
    CRITICAL(4, ExitCode.CRITICAL);

    /** Worst first: CRITICAL, WARNING, UNKNOWN, OK, SKIPPED. */
    public static final Comparator<Status> WORST_FIRST = Comparator.comparingInt(Status::rank).reversed();

    private final int rank;
    private final int exitCode;

    Status(int rank, int exitCode) {
        this.rank = rank;
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /** Listed among the findings: WARNING, CRITICAL, and UNKNOWN (a check that could not be evaluated). */
    public boolean isFinding() {
        return this == WARNING || this == CRITICAL || this == UNKNOWN;
    }

    /** Position in the algebra: higher is worse. */
    public int rank() {
        return rank;
    }

    /** The worse of two states. */
    public Status max(Status other) {
        return other == null || rank >= other.rank ? this : other;
    }

    /** The worst of a set; SKIPPED when the set is empty or all SKIPPED. */
    public static Status worst(Collection<Status> statuses) {
        Status worst = SKIPPED;
        for (Status s : statuses) {
            worst = worst.max(s);
        }
        return worst;
    }

    /** Worst of a set where an all-SKIPPED set reads as OK for a command's exit code. */
    public static Status overall(Collection<Status> statuses) {
        Status worst = worst(statuses);
        return worst == SKIPPED ? OK : worst;
    }

    /** A state read back from a record or JSON; null or unrecognised text is null. */
    public static Status parse(String name) {
        if (name == null) {
            return null;
        }
        try {
            return valueOf(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
