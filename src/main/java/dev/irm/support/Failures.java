package dev.irm.support;

import java.net.ConnectException;
import java.net.SocketTimeoutException;

/** One short line for an exception: the root cause, without class names or stack. */
public final class Failures {
    private Failures() {
    }

    public static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            if (root instanceof Workers.DeadlineExceededException) {
                break;
            }
            root = root.getCause();
        }
        if (root instanceof ConnectException) {
            return "connection refused";
        }
        if (root instanceof SocketTimeoutException) {
            return "timeout: " + (root.getMessage() == null ? "no answer" : root.getMessage());
        }
        String message = root.getMessage();
        if (message == null || message.isBlank()) {
            message = e.getMessage();
        }
        if (message == null || message.isBlank()) {
            return root.getClass().getSimpleName();
        }
        String line = message.lines().findFirst().orElse(message).trim();
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
