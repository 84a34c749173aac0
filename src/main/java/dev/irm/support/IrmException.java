package dev.irm.support;

/** A failure the user can act on: one line of message and the exit code it maps to. */
public class IrmException extends RuntimeException {
    private final int exitCode;

    public IrmException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public IrmException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    public static IrmException usage(String message) {
        return new IrmException(ExitCode.USAGE, message);
    }

    public static IrmException invalid(String message) {
        return new IrmException(ExitCode.INVALID, message);
    }
}
