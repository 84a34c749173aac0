package dev.irm.bench;

import java.util.concurrent.ExecutionException;

/** One short line for an error row. */
final class Failure {
    private Failure() {
    }

    static String describe(Throwable e) {
        Throwable t = e;
        while ((t instanceof ExecutionException || t.getCause() != null && t.getMessage() == null) && t.getCause() != null) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
        return message.length() <= 400 ? message : message.substring(0, 400) + "...";
    }
}
