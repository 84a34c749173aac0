package dev.irm.connector;

/** A target could not be reached at all (refused, timeout, auth failed, too many connections). */
public class TargetUnreachableException extends Exception {
    private final String cause;

    public TargetUnreachableException(String cause, Throwable error) {
        super(cause, error);
        this.cause = cause;
    }

    /** A short cause: {@code refused}, {@code timeout after 1000 ms}, {@code auth failed}, ... */
    public String reason() {
        return cause;
    }
}
