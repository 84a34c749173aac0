package dev.irm.support;

/**
 * Before the JVM exits it waits up to 300 ms for every thread blocked in native code. The JDK HTTP
 * client's selector thread (the HTTP and Kubernetes targets) sits in {@code epoll_wait} until its client
 * is collected, and {@code HttpClient} has no close before Java 21: interrupting it ends its loop at once.
 * (JDK 22+ skips the wait anyway: bin/irm passes {@code -XX:UserThreadWaitAttemptsAtExit=0}.) Threads are
 * enumerated and matched by name without a regex: this runs on every command, {@code --version} too.
 */
public final class ClientThreads {
    private ClientThreads() {
    }

    /**
     * Interrupts the HTTP clients' selector threads; only for a process about to exit: every JDK HTTP
     * client of the JVM stops answering (its timeouts fire on that thread).
     */
    public static void releaseBeforeExit() {
        selectorThreads().forEach(Thread::interrupt);
    }

    /** The live selector threads of the JDK HTTP clients. */
    static java.util.List<Thread> selectorThreads() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 16];
        int n = root.enumerate(threads, true);
        java.util.List<Thread> selectors = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            Thread t = threads[i];
            String name = t.getName();
            if (t.isDaemon() && name.startsWith("HttpClient-") && name.endsWith("-SelectorManager")) {
                selectors.add(t);
            }
        }
        return selectors;
    }
}
