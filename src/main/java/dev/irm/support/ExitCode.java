package dev.irm.support;

/** The one exit-code table (CONTRACT.md "Exit codes"). */
public final class ExitCode {
    public static final int OK = 0;
    public static final int WARNING = 1;
    /** {@code triage}: no runbook matched (README "Exit codes"). */
    public static final int NO_MATCH = 1;
    public static final int CRITICAL = 2;
    public static final int UNKNOWN = 3;
    public static final int REFUSED = 4;
    public static final int USAGE = 64;
    public static final int INVALID = 65;
    public static final int INTERNAL = 70;

    private ExitCode() {
    }
}
