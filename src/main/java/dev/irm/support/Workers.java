package dev.irm.support;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Daemon threads for network work. {@link #within} is the last line of defence against a client
 * that ignores its own timeouts: the caller gets an answer at the deadline whatever the call does.
 */
public final class Workers {
    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "irm-worker-" + COUNT.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private Workers() {
    }

    public static <T> Future<T> submit(Callable<T> task) {
        return POOL.submit(task);
    }

    /** Runs {@code task} and waits at most {@code deadline}; a late task is interrupted and abandoned. */
    public static <T> T within(Duration deadline, Callable<T> task) throws Exception {
        Future<T> future = POOL.submit(task);
        try {
            return future.get(Math.max(1, deadline.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new DeadlineExceededException(deadline);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }

    /** A call that outlived its deadline. */
    public static final class DeadlineExceededException extends Exception {
        public DeadlineExceededException(Duration deadline) {
            super("no answer within " + deadline.toMillis() + " ms");
        }
    }
}
