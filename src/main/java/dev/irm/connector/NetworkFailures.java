package dev.irm.connector;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** Short causes for a connection that failed on the network, shared by the connectors' {@code open}. */
public final class NetworkFailures {
    private NetworkFailures() {
    }

    /** The exception, its causes and their suppressed exceptions, outermost first. */
    public static List<Throwable> chain(Throwable e) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
            chain.addAll(List.of(t.getSuppressed()));
        }
        return chain;
    }

    /** "connection refused", "timeout after N ms" or "unknown host H" for a network failure in the chain, else null. */
    public static String describe(Throwable t, int timeoutMillis, String host) {
        if (t instanceof ConnectException) {
            return "connection refused";
        }
        if (t instanceof SocketTimeoutException) {
            return "timeout after " + timeoutMillis + " ms";
        }
        if (t instanceof UnknownHostException) {
            return "unknown host " + host;
        }
        return null;
    }
}
