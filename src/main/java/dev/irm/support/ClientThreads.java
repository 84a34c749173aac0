package dev.irm.support;

import java.util.regex.Pattern;

/**
 * Before the JVM exits it waits up to 300 ms for every thread blocked in native code. The JDK HTTP
 * client's selector thread (the HTTP and Kubernetes targets) sits in {@code epoll_wait} until its client
 * is collected, and {@code HttpClient} has no close before Java 21: interrupting it ends its loop at once.
 * (JDK 22+ skips the wait anyway: bin/irm passes {@code -XX:UserThreadWaitAttemptsAtExit=0}.)
 */
public final class ClientThreads {
    private static final Pattern SELECTOR = Pattern.compile("HttpClient-\\d+-SelectorManager");

    private ClientThreads() {
    }

    /** Interrupts the HTTP clients' selector threads; only for a process about to exit. */
    public static void releaseBeforeExit() {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isDaemon() && SELECTOR.matcher(t.getName()).matches()) {
                t.interrupt();
            }
        }
    }
}
